"""Figures as a report, a comparison table and a card all print them, so they read the same."""

from __future__ import annotations

NONE = "–"


def minutes(value: float | None) -> str:
    """Whole minutes as "4", otherwise one decimal ("4.5"); "–" for no value."""
    if value is None:
        return NONE
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def percent(share: float | None) -> str:
    """A share of 0..1 as a whole percentage ("22%"); "–" for no value."""
    return NONE if share is None else f"{share:.0%}"


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}"
