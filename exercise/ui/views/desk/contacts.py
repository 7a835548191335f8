"""The agency's profile and its contact directory: every agency of its contact plan, each
planned channel's status now and why (from the world state, in the reader's language)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import streamlit as st

from exercise.conduct.holdings import holdings_now
from exercise.conduct.records import ResourceLine
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.network.graph import agency_label
from exercise.network.phrases import status_word
from exercise.network.seats import seat_of
from exercise.ui.context import current_translator
from exercise.ui.live import LiveView, cached_by_version, live_fragment, status_epoch
from exercise.ui.text_table import text_table
from exercise.ui.views.desk.common import AGENCY_KEY, channel_label, party_name
from exercise.ui.widgets import plain

DIRECTORY_SECONDS = 10.0


@dataclass(frozen=True)
class DirectoryLine:
    agency: str
    channel: str
    status: str
    why: str
    working: bool


def directory(state: ExerciseState, agency: str, minute: int, lang: str) -> list[DirectoryLine]:
    """Planned contacts of `agency` (either direction), each planned channel and its health."""
    world = state.world.in_language(lang)
    pack = state.pack
    others = dict.fromkeys([*world.planned_successors(agency), *world.planned_predecessors(agency)])
    lines = []
    for other in others:
        channels = dict.fromkeys([*world.planned_channels(agency, other),
                                  *world.planned_channels(other, agency)])
        for channel in channels:
            health = world.channel_health(channel, agency, other, minute)
            lines.append(DirectoryLine(party_name(pack, other, lang),
                                       channel_label(pack, channel, lang),
                                       status_word(health.status, lang), health.summary(),
                                       health.usable))
    return lines


@cached_by_version
def _cached_directory(session_id: str, world_version: int, epoch: int | None, agency: str,
                      lang: str, _state: ExerciseState, _minute: int) -> list[DirectoryLine]:
    return directory(_state, agency, _minute, lang)


def directory_shows(view: LiveView) -> Hashable:
    world = view.state.world
    return world.version, status_epoch(world, int(view.minute))


@live_fragment(run_every=DIRECTORY_SECONDS, depends=directory_shows)
def contact_directory(view: LiveView) -> None:
    t = current_translator()
    agency = st.session_state.get(AGENCY_KEY, "")
    if agency not in view.state.pack._index("agencies"):
        return
    minute = int(view.minute)
    world = view.state.world
    lines = _cached_directory(view.session_id, world.version, status_epoch(world, minute),
                              agency, t.lang, view.state, minute)
    if not lines:
        st.info(t("desk.directory.empty"))
        return
    down = sum(1 for line in lines if not line.working)
    if down:
        st.warning(t("desk.directory.down", count=down))
    text_table([{t("desk.directory.agency"): line.agency, t("desk.directory.channel"): line.channel,
                 t("desk.directory.status"): line.status, t("desk.directory.why"): line.why}
                for line in lines])  # the reasons are sentences: they wrap


def profile(state: ExerciseState, t: Translator, agency: str) -> None:
    item = state.pack.agency(agency)
    st.markdown(f"**{plain(t.text(item.name))}**")
    facts = [t("desk.profile.level", level=t(f"level.{item.level.value}")),
             t("desk.profile.sector", sector=t.text(item.sector)),
             t("desk.profile.ownership", ownership=t(f"ownership.{item.owner.value}"))]
    if item.jurisdiction:
        facts.append(t("desk.profile.jurisdiction", jurisdiction=t.text(item.jurisdiction)))
    st.caption(plain(" · ".join(facts)))
    if item.description:
        st.markdown(plain(t.text(item.description)))
    seat = seat_of(state.world, agency, int(state.scenario_minute))
    if seat.eoc is not None:
        key = "desk.profile.seated" if seat.standing else "desk.profile.seated_gone"
        st.caption(plain(t(key, eoc=agency_label(state.pack, seat.eoc, t.lang))))
    if seat.seated_here:
        st.caption(plain(t("desk.profile.seated_here", agencies=", ".join(
            agency_label(state.pack, a, t.lang) for a in seat.seated_here))))
    channels = [channel_label(state.pack, c, t.lang) for c in state.pack.channels_usable_by(agency)]
    st.caption(plain(t("desk.profile.channels", channels=", ".join(channels))))
    held = [line for line in holdings_now(state) if line.agency == agency]
    if held:
        from exercise.ui.views.desk.inbox import resource_label

        def shown(line: ResourceLine) -> str:
            text = f"{resource_label(state, t, line.resource)}: {line.free}/{line.held}"
            if line.received:
                text += f" ({t('holdings.received_n', count=line.received)})"
            return text

        st.caption(plain(t("desk.profile.resources", resources=", ".join(shown(line) for line in held))))
