"""The preview of one pack: what a facilitator checks before running it.

Every text that comes from the pack is shown with `st.text`, in a table, or escaped by
`plain()` where Streamlit reads Markdown; nothing from a pack is ever handed to HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exercise.i18n import LANGUAGE_NAMES, Translator, translator
from exercise.report.words import capability as capability_name
from exercise.scenario.models import ScenarioPack
from exercise.scenario.summary import summarize
from exercise.ui.clock_words import time_text
from exercise.ui.graph_focus import plan_focus
from exercise.ui.graph_view import graph_chart
from exercise.ui.library import contact_graph
from exercise.ui.library.design_check import design_check_panel
from exercise.ui.library.timeline import msel_table, timeline_chart
from exercise.ui.library.whatif import whatif_panel
from exercise.ui.text_table import text_table
from exercise.ui.widgets import plain


def render_preview(pack: ScenarioPack, t: Translator, content_hash: str) -> None:
    tabs = st.tabs(
        [
            t("preview.tab.overview"),
            t("preview.tab.objectives"),
            t("preview.tab.agencies"),
            t("preview.tab.graph"),
            t("preview.tab.modules"),
            t("preview.tab.timeline"),
            t("preview.tab.whatif"),
            t("doctor.tab"),
        ]
    )
    sections = (_overview, _objectives, _agencies, _modules)
    for tab, section in zip((*tabs[:3], tabs[4]), sections, strict=True):
        with tab:
            section(pack, t)
    with tabs[3]:
        _graph(pack, t, content_hash)
    with tabs[5]:
        _timeline(pack, t, content_hash)
    with tabs[6]:
        whatif_panel(pack, t, content_hash)
    with tabs[7]:
        design_check_panel(pack, t, content_hash)


def _field(label: str, value: str) -> None:
    if value:
        st.caption(label)
        st.text(value)


def _overview(pack: ScenarioPack, t: Translator) -> None:
    meta = pack.metadata
    s = summarize(pack, t.lang)
    columns = st.columns(5)
    metrics = [
        ("preview.metric.agencies", s.agencies),
        ("preview.metric.links", s.links),
        ("preview.metric.modules", s.modules),
        ("preview.metric.injects", s.injects),
        ("preview.metric.objectives", s.objectives),
    ]
    for column, (key, value) in zip(columns, metrics, strict=True):
        column.metric(t(key), value)
    _field(t("preview.summary"), t.text(meta.summary))
    _field(t("preview.setting"), t.text(meta.setting))
    _field(t("preview.jurisdiction"), t.text(meta.jurisdiction))
    _field(t("preview.scenario_start"), t.text(meta.scenario_start))
    _field(t("preview.hazards"), ", ".join(t(f"hazard.{h.value}") for h in meta.hazards))
    _field(t("preview.exercise_type"), t(f"exercise_type.{meta.exercise_type.value}"))
    _field(t("preview.duration"), t("preview.duration_value", minutes=meta.duration))
    times = [i.time for i in pack.injects] + [m.start for m in pack.modules]
    _field(
        t("preview.span"),
        t("preview.span_value", start=time_text(min(times), pack, t), end=time_text(max(times), pack, t)),
    )
    _field(t("preview.languages"), ", ".join(LANGUAGE_NAMES.get(x, x) for x in meta.languages))
    _field(t("preview.facilitator_notes"), t.text(meta.facilitator_notes))
    if meta.sources:
        st.caption(t("preview.sources"))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("column.title"): source.title,
                        t("column.publisher"): source.publisher or "",
                        t("column.url"): source.url or "",
                    }
                    for source in meta.sources
                ]
            ),
            hide_index=True,
        )


def _objectives(pack: ScenarioPack, t: Translator) -> None:
    if not pack.objectives:
        st.info(t("preview.no_objectives"))
        return
    for objective in pack.objectives:
        st.subheader(plain(f"{objective.id} · {t.text(objective.title)}"), anchor=False)
        st.caption(t("preview.core_capabilities"))
        st.text(" · ".join(capability_name(t, c) for c in objective.core_capabilities))
        st.caption(t("preview.critical_tasks"))
        if objective.critical_tasks:
            st.text("\n".join(f"{task.id}  {t.text(task.title)}" for task in objective.critical_tasks))
        else:
            st.text(t("preview.no_critical_tasks"))


def _agency_name(pack: ScenarioPack, agency_id: str, t: Translator) -> str:
    agency = pack.agency(agency_id)
    return t.text(agency.short_name or agency.name)


def _channel_name(pack: ScenarioPack, channel_id: str, t: Translator) -> str:
    return next((t.text(c.name) for c in pack.channels if c.id == channel_id), channel_id)


def _agencies(pack: ScenarioPack, t: Translator) -> None:
    areas = {area.id: t.text(area.name) for area in pack.areas}
    st.caption(t("preview.agencies_table"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("column.name"): t.text(agency.name),
                    t("column.short_name"): t.text(agency.short_name),
                    t("column.level"): t(f"level.{agency.level.value}"),
                    t("column.sector"): t.text(agency.sector),
                    t("column.area"): areas.get(agency.area, agency.area),
                    t("column.channels"): t("sweep.separator").join(
                        _channel_name(pack, c, t) for c in pack.channels_usable_by(agency.id)),
                    t("column.id"): agency.id,
                }
                for agency in pack.agencies
            ]
        ),
        hide_index=True,
    )
    st.caption(t("preview.links_table"))
    if not pack.links:
        st.text(t("preview.no_links"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("column.from"): _agency_name(pack, link.from_, t),
                    t("column.to"): _agency_name(pack, link.to, t),
                    t("column.channels"): " → ".join(_channel_name(pack, c, t) for c in link.channels),
                    t("column.direction"): t(f"direction.{link.direction.value}"),
                    t("column.basis"): t(f"basis.{link.basis.value}"),
                }
                for link in pack.links
            ]
        ),
        hide_index=True,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _graph_view(content_hash: str, lang: str, _pack: ScenarioPack) -> contact_graph.GraphView:
    # Layout input and fragility analysis are computed once per pack version and language.
    return contact_graph.planned_view(_pack, lang)


def _graph(pack: ScenarioPack, t: Translator, content_hash: str) -> None:
    with st.spinner(t("preview.graph_working")):
        view = _graph_view(content_hash, t.lang, pack)
    st.caption(t("preview.graph_caption"))
    graph_chart(view.dot, "plan")
    plan_focus(pack, t.lang)
    st.subheader(t("preview.spof_title"), anchor=False)
    if view.findings:
        text_table([{t("column.type"): t(f"finding.{kind}"), t("column.finding"): text}
                    for kind, text in view.findings])  # sentences: they wrap
    else:
        st.text(t("preview.spof_none"))


def _modules(pack: ScenarioPack, t: Translator) -> None:
    for module in sorted(pack.modules, key=lambda m: m.start):
        start, end = pack.module_window(module.id)
        end = min(end, pack.last_time())
        window = t("preview.module_window", start=time_text(start, pack, t), end=time_text(end, pack, t))
        with st.expander(plain(f"{window} · {t.text(module.title)}"), expanded=True):
            st.caption(t("preview.situation"))
            st.text(t.text(module.situation))
            st.caption(t("preview.questions"))
            if module.questions:
                st.text("\n".join(f"{n}. {t.text(q)}" for n, q in enumerate(module.questions, 1)))
            else:
                st.text(t("preview.no_questions"))


@st.cache_data(max_entries=32, show_spinner=False)
def _timeline_parts(
    content_hash: str, lang: str, _pack: ScenarioPack
) -> tuple[dict[str, object], pd.DataFrame]:
    t = translator(lang)
    return timeline_chart(_pack, t), msel_table(_pack, t)


def _timeline(pack: ScenarioPack, t: Translator, content_hash: str) -> None:
    if not pack.injects:
        st.info(t("preview.no_injects"))
        return
    spec, table = _timeline_parts(content_hash, t.lang, pack)
    st.caption(t("preview.timeline_caption"))
    st.vega_lite_chart(spec, width="stretch")
    st.dataframe(table, hide_index=True)
