"""The what-if tab of the preview: take systems down before the day and see who still hears the
warning and how late, which single failures hurt most, and the chance a message gets through."""

from __future__ import annotations

import math

import streamlit as st

from exercise.i18n import Translator
from exercise.network.cascade import warning_cascade
from exercise.network.findings import hub_of
from exercise.network.graph import agency_label, planned_graph
from exercise.network.montecarlo import DeliveryEstimate, delivery_probability
from exercise.network.relay import relay_minutes
from exercise.network.whatif import most_damaging
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.timecode import format_time
from exercise.ui.language_follow import WHATIF_BOXES, follow_language
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


RANKED = "whatif.ranked"  # (settings, rows) of the last ranking, kept across clicks
ESTIMATED = "whatif.estimated"  # (settings, estimate, sender, receiver) of the last estimate


def outage_label(pack: ScenarioPack, outage: str, t: Translator) -> str:
    """An outage as a person names it: the area first (a chip cut short keeps where it is),
    then the system."""
    system, _, area = outage.partition("@")
    area_name = next((t.text(a.name) for a in pack.areas if a.id == area), area)
    return t("room2.whatif.outage", area=area_name, system=t.text(pack.system(system).name))


def whatif_panel(pack: ScenarioPack, t: Translator, content_hash: str) -> None:
    names = {a.id: agency_label(pack, a.id, t.lang) for a in pack.agencies}
    senders = {**names, **{a.id: t.text(a.name) for a in pack.actors}}
    hub = _hub(content_hash, pack)
    outage_options = [f"{s.id}@{a.id}" for s in pack.infrastructure for a in pack.areas]
    outage_names = {o: outage_label(pack, o, t) for o in outage_options}
    st.caption(t("whatif.intro"))
    follow_language(t.lang, WHATIF_BOXES.__contains__)  # a live switch: the boxes follow it
    a, b, c = st.columns([2, 3, 1])
    source = a.selectbox(t("whatif.source"), list(senders), format_func=senders.__getitem__,
                         index=list(senders).index(hub), key="whatif.source")
    outages = b.multiselect(t("whatif.outages"), outage_options, format_func=outage_names.__getitem__,
                            key="whatif.outages", placeholder=t("whatif.nothing_down"))
    hours = c.number_input(t("whatif.hours"), min_value=0, max_value=72, value=0, key="whatif.hours")
    if outages:  # the chips may be cut short: the whole names, once
        st.caption(plain(t("room2.whatif.down", outages="; ".join(outage_names[o] for o in outages))))
    at = int(hours) * 60
    st.subheader(t("whatif.cascade", time=format_time(at)), anchor=False)
    st.dataframe([
        {t("column.agency"): names.get(agency, agency), t("whatif.knows_after"): round(delay, 1),
         t("network.knows_after_relay"): round(relayed, 1),
         t("whatif.route"): " → ".join(senders.get(hop, hop) for hop in route) or "; ".join(why[:2])}
        for agency, delay, relayed, route, why in _cascade(content_hash, t.lang, source, tuple(outages), at, pack)
    ], hide_index=True)
    st.caption(t("network.relay_note"))
    settings = (content_hash, source, tuple(outages), at)
    if st.button(t("whatif.rank"), key="whatif.rank"):
        with st.spinner(t("whatif.ranking")):
            st.session_state[RANKED] = (settings, _ranking(content_hash, t.lang, source,
                                                           tuple(outages), at, pack))
    _show_ranking(t, settings)
    _delivery(pack, t, _world(pack, outages, t.lang), at, senders, names, settings)


def _earlier(kept: tuple[str, str, tuple[str, ...], int], settings: tuple[str, str, tuple[str, ...], int],
             t: Translator) -> None:
    if kept != settings:
        st.caption(t("room2.whatif.earlier"))


def _show_ranking(t: Translator, settings: tuple[str, str, tuple[str, ...], int]) -> None:
    kept = st.session_state.get(RANKED)
    if kept is None or kept[0][0] != settings[0]:  # nothing yet, or another pack
        return
    _earlier(kept[0], settings, t)
    st.dataframe([{t("whatif.failure"): label, t("whatif.cut_off"): cut,
                   t("whatif.pairs"): pairs, t("whatif.slower"): round(minutes, 1),
                   t("whatif.redundancy"): lost} for label, cut, pairs, minutes, lost in kept[1]],
                 hide_index=True)


def _delivery(pack: ScenarioPack, t: Translator, world: WorldState, at: int,
              senders: dict[str, str], names: dict[str, str],
              settings: tuple[str, str, tuple[str, ...], int]) -> None:
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
    if go:
        bar = st.progress(0.0, text=t("whatif.estimating"))

        def progress(done: int, total: int) -> None:
            bar.progress(done / total, text=t("whatif.estimating"))

        estimate = delivery_probability(world, sender, receiver, int(deadline), at,
                                        trials=int(trials), progress=progress)
        bar.empty()
        st.session_state[ESTIMATED] = (settings, estimate, sender, receiver)
    kept = st.session_state.get(ESTIMATED)
    if kept is None or kept[0][0] != settings[0] or kept[2] not in senders or kept[3] not in names:
        return
    _earlier(kept[0], settings, t)
    st.success(plain(estimate_words(kept[1], senders[kept[2]], names[kept[3]], t)))


def percent(value: float, t: Translator) -> str:
    """A share as people read it: one decimal at most (`87.3 %`, `100 %`); a share short of
    all is never shown as 100 %, nor one above nothing as 0 %."""
    tenths = round(value * 1000)
    if tenths >= 1000 and value < 1:
        tenths = 999
    elif tenths <= 0 < value:
        tenths = 1
    return t("room2.percent", value=f"{tenths / 10:.1f}".removesuffix(".0"))


def estimate_words(estimate: DeliveryEstimate, sender: str, receiver: str, t: Translator) -> str:
    """The delivery chance in one sentence: all, none, one figure when the interval collapses
    at the shown precision, else the share with its 95 % interval."""
    values = {"sender": sender, "receiver": receiver, "minutes": int(estimate.deadline),
              "trials": f"{estimate.trials:,}"}
    if estimate.successes == estimate.trials:
        return t("room2.whatif.all", low=percent(estimate.low, t), **values)
    if estimate.successes == 0:
        return t("room2.whatif.none", high=percent(estimate.high, t), **values)
    low, high = percent(estimate.low, t), percent(estimate.high, t)
    share = percent(estimate.probability, t)
    if low == high:
        return t("room2.whatif.one", share=share, **values)
    return t("whatif.result", share=share, low=low, high=high, **values)
