"""The MSEL as rows for a table and a chart: one row per inject and recipient."""

from __future__ import annotations

from typing import Any

import pandas as pd

from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.ui.clock_words import time_text


def recipient_names(pack: ScenarioPack, t: Translator) -> dict[str, str]:
    """Display names of every agency (short name first) and simulated actor, by id."""
    names = {actor.id: t.text(actor.name) for actor in pack.actors}
    names.update({a.id: t.text(a.short_name or a.name) for a in pack.agencies})
    return names


def timeline_rows(pack: ScenarioPack, t: Translator) -> pd.DataFrame:
    """One row per (inject, recipient), ordered by scenario time (language-neutral columns)."""
    modules = {m.id: t.text(m.title) for m in pack.modules}
    names = recipient_names(pack, t)
    rows = [
        {
            "hours": inject.time / 60,
            "time": time_text(inject.time, pack, t),
            "agency": names.get(recipient, recipient),
            "module": modules.get(inject.module, inject.module),
            "type": t(f"inject_type.{inject.type.value}"),
            "title": t.text(inject.title),
            "id": inject.id,
        }
        for inject in sorted(pack.injects, key=lambda i: (i.time, i.id))
        for recipient in inject.to
    ]
    return pd.DataFrame(rows, columns=["hours", "time", "agency", "module", "type", "title", "id"])


def msel_table(pack: ScenarioPack, t: Translator) -> pd.DataFrame:
    """The MSEL as planners read it: one row per inject."""
    modules = {m.id: t.text(m.title) for m in pack.modules}
    names = recipient_names(pack, t)
    rows = [
        {
            t("column.time"): time_text(inject.time, pack, t),
            t("column.id"): inject.id,
            t("column.module"): modules.get(inject.module, inject.module),
            t("column.type"): t(f"inject_type.{inject.type.value}"),
            t("column.from"): names.get(inject.from_, inject.from_),
            t("column.to"): ", ".join(names.get(r, r) for r in inject.to),
            t("column.channel"): inject.channel or "",
            t("column.title"): t.text(inject.title),
            t("column.conditions"): len(inject.conditions),
            t("column.contingency"): t("yes") if inject.contingency else t("no"),
        }
        for inject in sorted(pack.injects, key=lambda i: (i.time, i.id))
    ]
    return pd.DataFrame(rows)


def timeline_chart(pack: ScenarioPack, t: Translator) -> dict[str, Any]:
    """A Vega-Lite spec: scenario time across, recipients down, colour and shape by inject type,
    modules as shaded bands. Written as a plain spec, not with Altair: building and validating the
    Altair chart cost about 110 ms on every rerun."""
    data = timeline_rows(pack, t)
    names = recipient_names(pack, t)
    order = [names[a.id] for a in pack.agencies]
    order += [n for n in dict.fromkeys(data["agency"]) if n not in order]
    last = pack.last_time()
    bands = [
        {"start": start / 60, "end": min(end, max(last, start)) / 60, "module": t.text(m.title)}
        for m in pack.modules
        for start, end in [pack.module_window(m.id)]
    ]
    hours = {"field": "hours", "type": "quantitative", "title": t("chart.scenario_hours")}
    fields = (("time", "column.time"), ("id", "column.id"), ("title", "column.title"),
              ("type", "column.type"), ("module", "column.module"))
    return {
        "height": max(160, 28 * len(order)),
        "layer": [
            {
                "data": {"values": bands},
                "mark": {"type": "rect", "opacity": 0.08, "color": "gray"},
                "encoding": {
                    "x": {**hours, "field": "start"},
                    "x2": {"field": "end"},
                    "tooltip": [{"field": "module", "type": "nominal", "title": t("column.module")}],
                },
            },
            {
                "data": {"values": bands},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": "gray"},
                "encoding": {"x": {**hours, "field": "start"}},
            },
            {
                "data": {"values": data.to_dict(orient="records")},
                "mark": {"type": "point", "filled": True, "size": 120, "opacity": 0.9},
                "encoding": {
                    "x": hours,
                    "y": {"field": "agency", "type": "nominal", "sort": order, "title": None},
                    # shape as well as colour: the type is never told by colour alone
                    "color": {"field": "type", "type": "nominal", "title": t("column.type")},
                    "shape": {"field": "type", "type": "nominal", "title": t("column.type")},
                    "tooltip": [
                        {"field": name, "type": "nominal", "title": t(key)} for name, key in fields
                    ],
                },
            },
        ],
    }
