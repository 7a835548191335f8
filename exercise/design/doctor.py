"""Run every rule of the design doctor on one pack and locate each finding in its source."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from exercise.design.bite import BiteReport, bite_findings, failure_bite, timeline_world
from exercise.design.clock import InjectClock, clock_findings, inject_clocks, pack_start
from exercise.design.clocktext import ClockStart
from exercise.design.coherence import coherence_findings
from exercise.design.findings import SEVERITY_ORDER, Finding, Located, Severity
from exercise.design.load import LoadReport, load_findings, table_load
from exercise.design.pacing import ModulePace, module_paces, pacing_findings
from exercise.design.positions import yaml_positions
from exercise.design.shape import ShapeMeasure, plan_graph, planned_shape, shape_findings
from exercise.design.tables import TablePlan, declared_plans, one_table_per_agency
from exercise.scenario.loader import LoadResult, cyclic_gc_paused
from exercise.scenario.models import ScenarioPack
from exercise.scenario.yamlbuilder import YamlDocument


class UnknownTablePlan(ValueError):
    """`--tables` named a plan the pack does not declare."""

    def __init__(self, plan: str, known: list[str]) -> None:
        super().__init__(plan)
        self.plan = plan
        self.known = known


@dataclass(frozen=True)
class Diagnosis:
    findings: tuple[Located, ...]
    loads: tuple[LoadReport, ...]
    paces: tuple[ModulePace, ...]
    start: ClockStart | None
    clocks: tuple[InjectClock, ...]
    bite: BiteReport
    shape: tuple[ShapeMeasure, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.finding.severity is severity)


def plans_to_check(pack: ScenarioPack, plan_id: str | None, lang: str) -> list[TablePlan]:
    declared = declared_plans(pack, lang)
    default = one_table_per_agency(pack, lang)
    if plan_id is None:
        return declared or [default]
    for plan in [*declared, default]:
        if plan.id == plan_id:
            return [plan]
    raise UnknownTablePlan(plan_id, [p.id for p in declared] + [default.id])


def diagnose(pack: ScenarioPack, *, document: YamlDocument | None = None, file: str = "<pack>",
             plan: str | None = None, lang: str = "en") -> Diagnosis:
    plans = plans_to_check(pack, plan, lang)
    findings: list[Finding] = []
    loads = []
    for table_plan in plans:
        report = table_load(pack, table_plan)
        loads.append(report)
        findings += load_findings(pack, table_plan, report)
    paces = module_paces(pack)
    findings += pacing_findings(pack, paces)
    start = pack_start(pack)
    findings += clock_findings(pack, start)
    world = timeline_world(pack, lang)
    bite = failure_bite(pack, world, lang)
    findings += bite_findings(pack, bite, lang)
    findings += coherence_findings(pack, world, lang)
    shape = planned_shape(plan_graph(pack))
    findings += shape_findings(shape, len(pack.agencies))
    located = [locate(f, document, file) for f in findings]
    located.sort(key=lambda x: (SEVERITY_ORDER[x.finding.severity], x.line or 0, x.column or 0))
    return Diagnosis(tuple(located), tuple(loads), tuple(paces), start,
                     tuple(inject_clocks(pack, start)), bite, tuple(shape))


def locate(finding: Finding, document: YamlDocument | None, file: str) -> Located:
    position = document.locate(finding.path) if document is not None else None
    if position is None:
        return Located(finding, file)
    return Located(finding, file, position[0], position[1])


def diagnose_loaded(result: LoadResult, *, plan: str | None = None, lang: str = "en") -> Diagnosis:
    """The doctor on a pack loaded from text (a file or an upload): findings get positions."""
    if result.pack is None:
        raise ValueError("the pack has errors; validate it first")
    with cyclic_gc_paused():
        try:
            document = yaml_positions(result.text) if result.text else None
        except yaml.YAMLError:
            document = None
        return diagnose(result.pack, document=document, file=result.file, plan=plan, lang=lang)
