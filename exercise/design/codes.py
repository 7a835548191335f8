"""Every finding code the doctor can return (each has a sentence and a 'what to do' in the
catalogue of every language; a test checks it)."""

from __future__ import annotations

SHAPE_MEASURES = ("density", "centralization", "reciprocity", "transitivity")

CODES: tuple[str, ...] = (
    "load.busiest", "load.idle", "load.few", "load.unplayed",
    "pacing.jumps", "pacing.hold",
    "clock.no_start", "clock.past", "clock.daylight",
    "bite.cut_off", "bite.links", "bite.nothing", "bite.never", "bite.no_outage",
    "bite.no_dependency",
    "coherence.contact_unplanned", "coherence.channel_down", "coherence.self_decision",
    "coherence.no_actions", "coherence.capability", "coherence.capability_unknown",
    "coherence.not_restored",
    *(f"shape.{m}.{p}" for m in SHAPE_MEASURES for p in ("below", "within", "above")),
)
