"""A one-screen summary of a pack, shared by the CLI and the scenario library page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize
from exercise.scenario.timecode import format_time


@dataclass(frozen=True)
class PackSummary:
    id: str
    title: str
    hazards: list[str]
    setting: str
    summary: str
    languages: list[str]
    exercise_type: str
    duration_minutes: int
    agencies: int
    agencies_by_level: dict[str, int]
    links: int
    channels: int
    modules: int
    injects: int
    injects_by_type: dict[str, int]
    contingency_injects: int
    objectives: int
    critical_tasks: int
    sources: int
    span: str


def summarize(pack: ScenarioPack, lang: str = "en") -> PackSummary:
    times = [i.time for i in pack.injects] + [m.start for m in pack.modules]
    return PackSummary(
        id=pack.metadata.id,
        title=localize(pack.metadata.title, lang),
        hazards=[h.value for h in pack.metadata.hazards],
        setting=localize(pack.metadata.setting, lang),
        summary=localize(pack.metadata.summary, lang),
        languages=list(pack.metadata.languages),
        exercise_type=pack.metadata.exercise_type.value,
        duration_minutes=pack.metadata.duration,
        agencies=len(pack.agencies),
        agencies_by_level=dict(Counter(a.level.value for a in pack.agencies)),
        links=len(pack.links),
        channels=len(pack.channels),
        modules=len(pack.modules),
        injects=len(pack.injects),
        injects_by_type=dict(Counter(i.type.value for i in pack.injects)),
        contingency_injects=sum(i.contingency for i in pack.injects),
        objectives=len(pack.objectives),
        critical_tasks=sum(len(o.critical_tasks) for o in pack.objectives),
        sources=len(pack.metadata.sources),
        span=f"{format_time(min(times))} to {format_time(max(times))}",
    )


def summary_lines(pack: ScenarioPack, lang: str = "en") -> list[str]:
    s = summarize(pack, lang)
    levels = ", ".join(f"{n} {level}" for level, n in sorted(s.agencies_by_level.items()))
    types = ", ".join(f"{n} {kind}" for kind, n in sorted(s.injects_by_type.items()))
    return [
        f"{s.title} [{s.id}]",
        f"  hazards: {', '.join(s.hazards)}; {s.exercise_type}, {s.duration_minutes} min planned; "
        f"languages: {', '.join(s.languages)}",
        f"  setting: {s.setting}",
        f"  agencies: {s.agencies} ({levels}); contact-plan links: {s.links}; channels: {s.channels}",
        f"  modules: {s.modules}; injects: {s.injects} ({types}); contingency: {s.contingency_injects}",
        f"  objectives: {s.objectives} with {s.critical_tasks} critical tasks; sources: {s.sources}",
        f"  scenario time: {s.span}",
    ]
