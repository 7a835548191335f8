"""The scenario library: shipped and uploaded packs, and what their preview shows."""
