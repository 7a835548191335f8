"""The MSEL as rows for a table and a chart: one row per inject and recipient."""

from __future__ import annotations

import altair as alt
import pandas as pd

from exercise.scenario.models import ScenarioPack
from exercise.scenario.timecode import format_time
from exercise.ui.i18n import Translator


def recipient_name(pack: ScenarioPack, recipient: str, t: Translator) -> str:
    for section in (pack.agencies, pack.actors):
        for item in section:
            if item.id == recipient:
                short = getattr(item, "short_name", None)
                return t.text(short or item.name)
    return recipient


def timeline_rows(pack: ScenarioPack, t: Translator) -> pd.DataFrame:
    """One row per (inject, recipient), ordered by scenario time (language-neutral columns)."""
    modules = {m.id: t.text(m.title) for m in pack.modules}
    rows = [
        {
            "hours": inject.time / 60,
            "time": format_time(inject.time),
            "agency": recipient_name(pack, recipient, t),
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
    rows = [
        {
            t("column.time"): format_time(inject.time),
            t("column.id"): inject.id,
            t("column.module"): modules.get(inject.module, inject.module),
            t("column.type"): t(f"inject_type.{inject.type.value}"),
            t("column.from"): recipient_name(pack, inject.from_, t),
            t("column.to"): ", ".join(recipient_name(pack, r, t) for r in inject.to),
            t("column.channel"): inject.channel or "",
            t("column.title"): t.text(inject.title),
            t("column.conditions"): len(inject.conditions),
            t("column.contingency"): t("yes") if inject.contingency else t("no"),
        }
        for inject in sorted(pack.injects, key=lambda i: (i.time, i.id))
    ]
    return pd.DataFrame(rows)


def timeline_chart(pack: ScenarioPack, t: Translator) -> alt.LayerChart:
    """Scenario time across, recipients down, colour by inject type; modules as bands."""
    data = timeline_rows(pack, t)
    order = [recipient_name(pack, a.id, t) for a in pack.agencies]
    order += [n for n in dict.fromkeys(data["agency"]) if n not in order]
    tooltip = [
        alt.Tooltip("time:N", title=t("column.time")),
        alt.Tooltip("id:N", title=t("column.id")),
        alt.Tooltip("title:N", title=t("column.title")),
        alt.Tooltip("type:N", title=t("column.type")),
        alt.Tooltip("module:N", title=t("column.module")),
    ]
    points = (
        alt.Chart(data)
        .mark_circle(size=120, opacity=0.9)
        .encode(
            x=alt.X("hours:Q", title=t("chart.scenario_hours")),
            y=alt.Y("agency:N", sort=order, title=None),
            color=alt.Color("type:N", title=t("column.type")),
            tooltip=tooltip,
        )
    )
    last = pack.last_time()
    bands = pd.DataFrame(
        [
            {"start": start / 60, "end": min(end, max(last, start)) / 60, "module": t.text(m.title)}
            for m in pack.modules
            for start, end in [pack.module_window(m.id)]
        ]
    )
    shading = (
        alt.Chart(bands)
        .mark_rect(opacity=0.08, color="gray")
        .encode(x="start:Q", x2="end:Q", tooltip=[alt.Tooltip("module:N", title=t("column.module"))])
    )
    starts = alt.Chart(bands).mark_rule(strokeDash=[4, 4], color="gray").encode(x="start:Q")
    return (shading + starts + points).properties(height=max(160, 28 * len(order)))
