"""The what-if tab of the preview: take systems down before the day and see who still hears the
warning and how late, which single failures hurt most, and the chance a message gets through."""

from __future__ import annotations

import math

import streamlit as st

from exercise.network.cascade import warning_cascade
from exercise.network.findings import hub_of
from exercise.network.graph import agency_label, planned_graph
from exercise.network.montecarlo import delivery_probability
from exercise.network.relay import relay_minutes
from exercise.network.whatif import most_damaging
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.timecode import format_time
from exercise.ui.i18n import Translator
from exercise.ui.widgets import plain

MAX_TRIALS = 20_000


def _world(pack: ScenarioPack, outages: list[str], lang: str) -> WorldState:
    world = WorldState.initial(pack)
    for outage in outages:
        system, _, area = outage.partition("@")
        world = world.apply(InfrastructureEffect(system=system, area=area or None, status=Status.down),
                            0, source="what-if", lang=lang)
    return world


@st.cache_data(max_entries=32, show_spinner=False)
def _ranking(content_hash: str, lang: str, source: str, outages: tuple[str, ...], at: int,
             _pack: ScenarioPack) -> list[tuple[str, int, int, float, int]]:
    world = _world(_pack, list(outages), lang)
    return [(r.label, *r.damage) for r in most_damaging(world, at, source, lang=lang)]


@st.cache_data(max_entries=32, show_spinner=False)
def _hub(content_hash: str, _pack: ScenarioPack) -> str:
    return hub_of(planned_graph(_pack)) or _pack.agencies[0].id


@st.cache_data(max_entries=64, show_spinner=False)
def _cascade(content_hash: str, lang: str, source: str, outages: tuple[str, ...], at: int,
             _pack: ScenarioPack) -> list[tuple[str, float, float, tuple[str, ...], tuple[str, ...]]]:
    """(agency, minutes until it knows on channels alone, and with decide-and-relay times, route,
    why not) per agency, fastest first."""
    world = _world(_pack, list(outages), lang)
    cascade = warning_cascade(world, source, at, lang)
    relayed = warning_cascade(world, source, at, lang, relay=relay_minutes(_pack))
    rows = [(x.agency, x.time - at, relayed.delay(x.agency), x.route, ()) for x in
            sorted(cascade.arrivals.values(), key=lambda x: x.time)]
    return rows + [(agency, math.inf, relayed.delay(agency), (), tuple(why))
                   for agency, why in cascade.unreachable.items()]


def whatif_panel(pack: ScenarioPack, t: Translator, content_hash: str) -> None:
    names = {a.id: agency_label(pack, a.id, t.lang) for a in pack.agencies}
    senders = {**names, **{a.id: t.text(a.name) for a in pack.actors}}
    hub = _hub(content_hash, pack)
    outage_options = [f"{s.id}@{a.id}" for s in pack.infrastructure for a in pack.areas]
    outage_names = {o: f"{t.text(pack.system(o.split('@')[0]).name)} · "
                       f"{t.text(next(a.name for a in pack.areas if a.id == o.split('@')[1]))}"
                    for o in outage_options}
    st.caption(t("whatif.intro"))
    a, b, c = st.columns([2, 3, 1])
    source = a.selectbox(t("whatif.source"), list(senders), format_func=senders.__getitem__,
                         index=list(senders).index(hub), key="whatif.source")
    outages = b.multiselect(t("whatif.outages"), outage_options, format_func=outage_names.__getitem__,
                            key="whatif.outages", placeholder=t("whatif.nothing_down"))
    hours = c.number_input(t("whatif.hours"), min_value=0, max_value=72, value=0, key="whatif.hours")
    at = int(hours) * 60
    st.subheader(t("whatif.cascade", time=format_time(at)), anchor=False)
    st.dataframe([
        {t("column.agency"): names.get(agency, agency), t("whatif.knows_after"): round(delay, 1),
         t("network.knows_after_relay"): round(relayed, 1),
         t("whatif.route"): " → ".join(senders.get(hop, hop) for hop in route) or "; ".join(why[:2])}
        for agency, delay, relayed, route, why in _cascade(content_hash, t.lang, source, tuple(outages), at, pack)
    ], hide_index=True)
    st.caption(t("network.relay_note"))
    if st.button(t("whatif.rank"), key="whatif.rank"):
        with st.spinner(t("whatif.ranking")):
            ranking = _ranking(content_hash, t.lang, source, tuple(outages), at, pack)
        st.dataframe([{t("whatif.failure"): label, t("whatif.cut_off"): cut,
                       t("whatif.pairs"): pairs, t("whatif.slower"): round(minutes, 1),
                       t("whatif.redundancy"): lost} for label, cut, pairs, minutes, lost in ranking],
                     hide_index=True)
    _delivery(pack, t, _world(pack, outages, t.lang), at, senders, names)


def _delivery(pack: ScenarioPack, t: Translator, world: WorldState, at: int,
              senders: dict[str, str], names: dict[str, str]) -> None:
    st.subheader(t("whatif.delivery"), anchor=False)
    with st.form("whatif.delivery"):
        a, b, c, d = st.columns(4)
        sender = a.selectbox(t("whatif.from"), list(senders), format_func=senders.__getitem__)
        receiver = b.selectbox(t("whatif.to"), list(names), format_func=names.__getitem__,
                               index=len(names) - 1)
        deadline = c.number_input(t("whatif.deadline"), min_value=1, max_value=24 * 60, value=30)
        trials = d.number_input(t("whatif.trials"), min_value=100, max_value=MAX_TRIALS,
                                value=10_000, step=1_000)
        go = st.form_submit_button(t("whatif.estimate"))
    if not go:
        return
    bar = st.progress(0.0, text=t("whatif.estimating"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("whatif.estimating"))

    estimate = delivery_probability(world, sender, receiver, int(deadline), at,
                                    trials=int(trials), progress=progress)
    bar.empty()
    st.success(t("whatif.result", sender=plain(senders[sender]), receiver=plain(names[receiver]),
                 minutes=int(deadline), share=f"{estimate.probability:.1%}",
                 low=f"{estimate.low:.1%}", high=f"{estimate.high:.1%}", trials=estimate.trials))
