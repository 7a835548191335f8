"""Planners' spreadsheets (MSEL, roster, contact list) to packs and back, every file read as hostile."""
