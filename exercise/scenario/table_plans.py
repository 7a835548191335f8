"""Rules for a pack's suggested table plans: unique ids, agencies that exist, and no agency
played at two tables of one plan (an agency at no table is simulated by the facilitator)."""

from __future__ import annotations

from collections.abc import Iterator

from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem
from exercise.scenario.reference_ids import DeclaredIds
from exercise.scenario.reference_ids import unknown as _unknown


def table_plan_problems(pack: ScenarioPack, ids: DeclaredIds) -> Iterator[Problem]:
    plans: set[str] = set()
    for p_index, plan in enumerate(pack.table_plans or []):
        if plan.id in plans:
            yield Problem(f"the table plan id {plan.id!r} is used twice",
                          path=("table_plans", p_index, "id"), hint="give every plan its own id",
                          extra={"words": "ref_plan_twice", "id": repr(plan.id)})
        plans.add(plan.id)
        tables: set[str] = set()
        seated: dict[str, str] = {}
        for t_index, table in enumerate(plan.tables):
            where = ("table_plans", p_index, "tables", t_index)
            if table.id in tables:
                yield Problem(f"the table id {table.id!r} is used twice in this plan",
                              path=(*where, "id"), hint="give every table of a plan its own id",
                              extra={"words": "ref_table_twice", "id": repr(table.id)})
            tables.add(table.id)
            for a_index, agency in enumerate(table.agencies):
                if agency not in ids["agencies"]:
                    yield _unknown("agency", agency, ids["agencies"], (*where, "agencies", a_index))
                elif agency in seated:
                    yield Problem(
                        f"the agency {agency!r} is already played at table {seated[agency]!r}",
                        path=(*where, "agencies", a_index),
                        hint="an agency is played at one table of a plan; remove one of them",
                        extra={"words": "ref_agency_two_tables", "agency": repr(agency),
                               "table": repr(seated[agency])})
                else:
                    seated[agency] = table.id
