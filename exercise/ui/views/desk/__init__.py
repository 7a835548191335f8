"""A player's desk: inbox, decisions, messages, requests and feedback of one table."""
