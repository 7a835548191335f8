"""Conducting an exercise session: events, clock, scheduler, conditions, state fold, commands."""
