"""The Design check tab: the design doctor's findings and tables for one pack, in the library
preview and on the edit page. Findings come as codes; their words come from the catalogue.
Names and causes from the pack travel inside the sentences and are shown as text only
(`st.dataframe`, `st.text`), never as Markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exercise.design.clock import clock_of_day
from exercise.design.doctor import Diagnosis, UnknownTablePlan, diagnose_loaded
from exercise.design.tables import declared_plans
from exercise.i18n import Translator
from exercise.network.graph import agency_label
from exercise.scenario.loader import LoadResult
from exercise.scenario.models import ScenarioPack
from exercise.scenario.timecode import format_time
from exercise.ui.context import data_dir, scenarios_dir
from exercise.ui.doctor_words import counts, todo, what
from exercise.ui.library.catalogue import list_packs

BUILT_IN_PLAN = "agencies"


@st.cache_data(max_entries=32, show_spinner=False)
def _diagnosis(content_hash: str, lang: str, plan: str | None, _source: LoadResult) -> Diagnosis:
    return diagnose_loaded(_source, plan=plan, lang=lang)


def _source_of(pack: ScenarioPack, content_hash: str) -> LoadResult:
    """The loaded file behind a library pack (its text gives lines and columns)."""
    for entry in list_packs(scenarios_dir(), data_dir()):
        if entry.result.content_hash == content_hash and entry.result.pack is not None:
            return entry.result
    return LoadResult(file=pack.metadata.id, pack=pack, content_hash=content_hash)


def design_check_panel(pack: ScenarioPack, t: Translator, content_hash: str,
                       source: LoadResult | None = None, key: str = "library") -> None:
    source = source if source is not None and source.pack is not None else _source_of(pack, content_hash)
    st.caption(t("doctor.intro"))
    plans = declared_plans(pack, t.lang)
    plan: str | None = None
    if plans:
        names = {p.id: p.name or p.id for p in plans} | {BUILT_IN_PLAN: t("doctor.plan.agencies")}
        plan = st.selectbox(t("doctor.plan"), list(names), format_func=names.__getitem__,
                            key=f"doctor.plan.{key}")
    with st.spinner(t("doctor.tab")):
        try:
            diagnosis = _diagnosis(content_hash, t.lang, plan, source)
        except UnknownTablePlan as exc:
            st.error(t("doctor.unknown_plan", plan=exc.plan, known=", ".join(exc.known)))
            return
    found = counts(diagnosis)
    st.text(t("doctor.counts", errors=found["error"], warnings=found["warning"],
              advice=found["advice"]))
    _findings(t, diagnosis)
    _load(t, pack, diagnosis)
    _pacing(t, diagnosis)
    _clock(t, diagnosis)
    _bite(t, pack, diagnosis)
    _shape(t, diagnosis)


def _findings(t: Translator, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.findings"), anchor=False)
    if not diagnosis.findings:
        st.text(t("doctor.none"))
        return
    st.dataframe(pd.DataFrame([
        {t("doctor.col.severity"): t(f"doctor.severity.{x.finding.severity.value}"),
         t("doctor.col.rule"): t(f"doctor.rule.{x.finding.rule.value}"),
         t("doctor.col.where"): x.where,
         t("doctor.col.what"): what(t, x.finding),
         t("doctor.col.todo"): todo(t, x.finding)}
        for x in diagnosis.findings]), hide_index=True, width="stretch")


def _load(t: Translator, pack: ScenarioPack, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.section.load"), anchor=False)
    for report in diagnosis.loads:
        st.dataframe(pd.DataFrame([
            {t("doctor.col.table"): table.name,
             t("doctor.col.agencies"): ", ".join(agency_label(pack, a, t.lang) for a in table.agencies),
             t("doctor.col.received"): table.received, t("doctor.col.sent"): table.sent,
             t("doctor.col.share"): f"{table.share:.0%}",
             **{module: table.per_module.get(module, 0) for module in report.modules}}
            for table in sorted(report.tables, key=lambda x: -x.received)]), hide_index=True)


def _pacing(t: Translator, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.section.pacing"), anchor=False)
    st.dataframe(pd.DataFrame([
        {t("doctor.col.module"): p.module,
         t("doctor.col.window"): f"{format_time(p.start)} – {format_time(p.end)}",
         t("doctor.col.scenario_minutes"): p.scenario_minutes, t("doctor.col.injects"): p.injects,
         t("doctor.col.words"): p.words, t("doctor.col.characters"): p.characters,
         t("doctor.col.real_minutes"): p.real_minutes, t("doctor.col.speed"): f"{p.speed}x",
         t("doctor.col.fits"): f"{p.fitting}x" if p.fitting else t("doctor.fits_none")}
        for p in diagnosis.paces]), hide_index=True)


def _clock(t: Translator, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.section.clock"), anchor=False)
    start = diagnosis.start
    st.text(t("doctor.start", day=start.day, clock=clock_of_day(start.minute)) if start
            else t("doctor.no_start"))
    st.dataframe(pd.DataFrame([
        {t("doctor.col.inject"): c.inject, t("doctor.col.time"): format_time(c.scenario_minute),
         t("doctor.col.day"): c.day if c.day is not None else "",
         t("doctor.col.clock"): clock_of_day(c.minute_of_day) if c.minute_of_day is not None else "",
         t("doctor.col.mentions"): t("sweep.separator").join(
             t("sweep.quoted", text=mention) for mention in c.mentions)}
        for c in diagnosis.clocks]), hide_index=True)


def _bite(t: Translator, pack: ScenarioPack, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.section.bite"), anchor=False)
    bite = diagnosis.bite
    if bite.hub:
        st.text(t("doctor.hub", hub=agency_label(pack, bite.hub, t.lang)))
    if not bite.outages:
        return
    st.dataframe(pd.DataFrame([
        {t("doctor.col.outage"): o.inject, t("doctor.col.time"): format_time(o.at),
         t("doctor.col.links"): len(o.lost_links), t("doctor.col.contacts"): len(o.contacts),
         t("doctor.col.cut_off"): ", ".join(
             f"{agency_label(pack, a, t.lang)} ({format_time(m)})" for a, m in o.cut_off),
         t("doctor.col.cause"): "; ".join(o.causes)}
        for o in bite.outages]), hide_index=True)


def _shape(t: Translator, diagnosis: Diagnosis) -> None:
    st.subheader(t("doctor.section.shape"), anchor=False)
    st.dataframe(pd.DataFrame([
        {t("doctor.col.measure"): t(f"doctor.measure.{m.measure}"), t("doctor.col.value"): m.value,
         t("doctor.col.range"): f"{m.low} – {m.high}"}
        for m in diagnosis.shape]), hide_index=True)
