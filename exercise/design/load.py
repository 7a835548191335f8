"""Load: how many injects each agency sends and receives, each table of a table plan receives,
per module; tables that sit idle; one table that receives too much."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from exercise.design.findings import Finding, Rule, Severity
from exercise.design.tables import TablePlan
from exercise.scenario.models import ScenarioPack

BUSIEST_SHARE = 0.40
FEW_INJECTS = 2


@dataclass(frozen=True)
class TableLoad:
    table: str
    name: str
    agencies: tuple[str, ...]
    received: int
    sent: int
    share: float
    per_module: dict[str, int]


@dataclass(frozen=True)
class LoadReport:
    plan: str
    sent: dict[str, int]  # agency -> injects it sends
    received: dict[str, int]  # agency -> injects addressed to it
    tables: tuple[TableLoad, ...]
    modules: tuple[str, ...]
    unplayed: tuple[str, ...] = ()  # injects addressed to no agency a table plays


def table_load(pack: ScenarioPack, plan: TablePlan) -> LoadReport:
    agencies = {a.id for a in pack.agencies}
    sent = Counter({a: 0 for a in agencies})
    received = Counter({a: 0 for a in agencies})
    for inject in pack.injects:
        if inject.from_ in agencies:
            sent[inject.from_] += 1
        for target in set(inject.to) & agencies:
            received[target] += 1
    modules = tuple(m.id for m in sorted(pack.modules, key=lambda m: m.start))
    total = len(pack.injects)
    tables_of: dict[str, list[int]] = {}
    for number, table in enumerate(plan.tables):
        for agency in table.agencies:
            tables_of.setdefault(agency, []).append(number)
    received_by = [0] * len(plan.tables)
    sent_by = [0] * len(plan.tables)
    per_module = [Counter({m: 0 for m in modules}) for _ in plan.tables]
    for inject in pack.injects:
        for number in {n for target in inject.to for n in tables_of.get(target, ())}:
            received_by[number] += 1
            per_module[number][inject.module] += 1
        for number in set(tables_of.get(inject.from_, ())):
            sent_by[number] += 1
    loads = [
        TableLoad(table.id, table.name or table.id, table.agencies, received_by[n], sent_by[n],
                  received_by[n] / total if total else 0.0, dict(per_module[n]))
        for n, table in enumerate(plan.tables)
    ]
    unplayed = tuple(i.id for i in pack.injects if not any(t in tables_of for t in i.to))
    return LoadReport(plan.id, dict(sent), dict(received), tuple(loads), modules, unplayed)


def load_findings(pack: ScenarioPack, plan: TablePlan, report: LoadReport) -> list[Finding]:
    if not pack.injects:
        return []
    found: list[Finding] = []
    position = {a.id: index for index, a in enumerate(pack.agencies)}
    plan_tables = {t.id: index for index, t in enumerate(plan.tables)}

    def where(table: TableLoad) -> tuple[str | int, ...]:
        if plan.path:
            return (*plan.path, "tables", plan_tables[table.table])
        first = table.agencies[0] if table.agencies else None
        return ("agencies", position[first]) if first in position else ()

    busiest = max(report.tables, key=lambda t: t.received, default=None)
    if busiest is not None and busiest.share > BUSIEST_SHARE and len(report.tables) > 1:
        found.append(Finding(Rule.load, "load.busiest", Severity.warning, where(busiest), {
            "table": busiest.name, "received": busiest.received, "total": len(pack.injects),
            "share": round(busiest.share * 100), "limit": round(BUSIEST_SHARE * 100)}))
    idle = [t for t in report.tables if t.received == 0]
    for table in idle:
        found.append(Finding(Rule.load, "load.idle", Severity.warning, where(table),
                             {"table": table.name, "sent": table.sent}))
    if report.unplayed and plan.path:
        found.append(Finding(Rule.load, "load.unplayed", Severity.warning, plan.path, {
            "plan": plan.name or plan.id, "count": len(report.unplayed),
            "injects": ", ".join(report.unplayed[:8]) + (" …" if len(report.unplayed) > 8 else "")}))
    for table in report.tables:
        if 0 < table.received < FEW_INJECTS:
            found.append(Finding(Rule.load, "load.few", Severity.advice, where(table),
                                 {"table": table.name, "received": table.received,
                                  "minimum": FEW_INJECTS}))
    return found

