"""The communications annex: planned versus observed contact graphs, and when agencies could
not be reached from the coordinating agency, and why."""

from __future__ import annotations

import networkx as nx

from exercise.conduct.activity import observed_contacts, plan_comparison
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator, translator
from exercise.network.findings import hub_of
from exercise.network.graph import planned_graph, status_graph
from exercise.network.observed import PlanComparison
from exercise.network.reach import reached_from
from exercise.report import words
from exercise.report.drawing import draw_contact_graph
from exercise.report.model import CommunicationsAnnex, LinkLine
from exercise.report.times import report_time


def communications_annex(state: ExerciseState, lang: str, *, graphs: bool = True,
                         comparison: PlanComparison | None = None) -> CommunicationsAnnex:
    from exercise.report.build import agency_name

    t = translator(lang)
    pack = state.pack
    comparison = comparison or plan_comparison(state)

    def name(agency: str) -> str:
        return agency_name(pack, agency, lang)

    plan = planned_graph(pack, lang)
    coordinators = tuple(
        LinkLine(name(c.agency), "", t("aar.coordinator", observed=f"{c.observed_betweenness:.2f}",
                                      planned=f"{c.planned_betweenness:.2f}"))
        for c in comparison.coordinators[:5] if c.observed_betweenness > 0
    )
    slices = tuple(
        LinkLine(s.module, "", t(
            "aar.labelled",
            label=f"{report_time(s.start, pack, lang)}–"
                  f"{report_time(s.end, pack, lang) if s.end < 10**6 else '…'}",
            text=t("aar.slice", contacts=s.contacts, links=s.links, density=f"{s.density:.2f}")
            + (t("aar.slice_broker", name=name(s.top_broker)) if s.top_broker else "")))
        for s in comparison.slices
    )
    return CommunicationsAnnex(
        coverage=comparison.coverage if pack.links else None,
        planned_links=len(pack.links),
        used_planned_links=len(comparison.used),
        unused_links=tuple(LinkLine(name(a), name(b)) for a, b in comparison.planned_unused),
        emergent_links=tuple(LinkLine(name(a), name(b)) for a, b in comparison.emergent),
        coordinators=coordinators,
        unreachable_periods=tuple(_unreachable_periods(state, lang)),
        module_slices=slices,
        planned_graph_png=draw_contact_graph(plan) if graphs else None,
        observed_graph_png=draw_contact_graph(plan, comparison.used, comparison.emergent,
                                              observed=True) if graphs else None,
    )


def _change_minutes(state: ExerciseState) -> list[int]:
    """The minutes at which reachability can change, as the world knows them: each released
    effect, each backup or handset battery running out after it, each congestion starting or
    ending."""
    end = _end_minute(state)
    return [m for m in state.world.change_times() if 0 <= m <= end]


def _end_minute(state: ExerciseState) -> int:
    if state.ended_minute is not None:
        return int(state.ended_minute)
    return int(max(state.scenario_minute, *(r.scenario_minute for r in state.releases.values()))
               if state.releases else state.scenario_minute)


def _unreachable_periods(state: ExerciseState, lang: str) -> list[LinkLine]:
    from exercise.report.build import agency_name

    t = translator(lang)
    pack = state.pack
    plan = planned_graph(pack, lang)
    hub = hub_of(plan)
    if hub is None:
        return []
    world = state.world.in_language(lang)
    open_since: dict[str, tuple[int, str]] = {}
    periods: list[tuple[int, str, int | None, str]] = []
    for minute in _change_minutes(state):
        status = status_graph(world, minute, lang, planned=plan)
        reach = reached_from(status, hub)
        for agency in plan.nodes:
            if agency not in reach and agency not in open_since:
                open_since[agency] = (minute, _why(status, agency, t))
            elif agency in reach and agency in open_since:
                start, why = open_since.pop(agency)
                periods.append((start, agency, minute, why))
    periods += [(start, agency, None, why) for agency, (start, why) in open_since.items()]
    periods.sort(key=lambda p: (p[0], p[1]))
    until = t("aar.until_end")
    return [
        LinkLine(agency_name(pack, agency, lang), "",
                 t("aar.labelled", label=f"{report_time(start, pack, lang)}–"
                   f"{report_time(end, pack, lang) if end is not None else until}",
                   text=why))
        for start, agency, end, why in periods
    ]


def _why(status: nx.DiGraph, agency: str, t: Translator, limit: int = 3) -> str:
    """The agency's own reasons, else those of every planned way in (distinct, up to `limit`)."""
    node = status.nodes[agency]
    reasons = list(node.get("reasons") or ())
    if not reasons:
        for _, _, data in status.in_edges(agency, data=True):
            reasons.extend(data.get("reasons") or ())
    texts = list(dict.fromkeys(reason.text for reason in reasons))
    return words.semicolons(t, texts[:limit])


__all__ = ["communications_annex", "observed_contacts", "plan_comparison"]
