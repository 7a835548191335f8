"""Table plans: which agencies each table of players plays. Without a plan, every agency has a
table of its own (what the sessions page does by default)."""

from __future__ import annotations

from dataclasses import dataclass

from exercise.scenario.models import ScenarioPack


@dataclass(frozen=True)
class Table:
    id: str
    agencies: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class TablePlan:
    id: str
    tables: tuple[Table, ...]
    name: str = ""
    path: tuple[str | int, ...] = ()  # where the plan is written in the pack, if it is


def one_table_per_agency(pack: ScenarioPack, lang: str = "en") -> TablePlan:
    from exercise.scenario.text import localize

    return TablePlan("agencies", tuple(
        Table(a.id, (a.id,), localize(a.short_name or a.name, lang)) for a in pack.agencies))


def declared_plans(pack: ScenarioPack, lang: str = "en") -> list[TablePlan]:
    """The table plans a pack suggests (none in packs written before table plans existed)."""
    from exercise.scenario.text import localize

    plans = pack.table_plans or []
    return [
        TablePlan(
            plan.id,
            tuple(Table(table.id, tuple(table.agencies), localize(table.name, lang))
                  for table in plan.tables),
            localize(plan.name, lang),
            ("table_plans", index),
        )
        for index, plan in enumerate(plans)
    ]
