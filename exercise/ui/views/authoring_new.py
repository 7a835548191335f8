"""New exercise: a pack that validates from a title, hazard, place, languages and start, with
the standard channel catalogue (the same domain function as `exercise new`). Once saved in the
library, the planner brings the roster, contact list and MSEL on the import page, or opens the
pack on the edit page."""

from __future__ import annotations

from datetime import date, time

import streamlit as st

from exercise.i18n import LANGUAGE_NAMES, Translator
from exercise.scenario.models import Hazard, ScenarioPack
from exercise.scenario.newpack import NewPack, NewPackError, new_pack
from exercise.scenario.text import LANGUAGES
from exercise.ui.context import current_translator
from exercise.ui.gate import require_organizer
from exercise.ui.views.authoring_save import open_in, save_asking
from exercise.ui.widgets import plain

PACK_KEY = "new.pack"
SAVE_KEY = "new.save"
MAX_TITLE = 200
MAX_PLACE = 100


def authoring_new_page() -> None:
    t = current_translator()
    st.title(t("newpack.title"), anchor=False)
    st.caption(t("newpack.intro"))
    if not require_organizer("new"):
        return
    with st.form("new.form"):
        answers = _answers(t)
        created = st.form_submit_button(t("newpack.create"), type="primary")
    if created:
        st.session_state.pop(f"{SAVE_KEY}.outcome", None)  # about the previous pack
        st.session_state.pop(f"{SAVE_KEY}.id", None)
        st.session_state[PACK_KEY] = _build(t, answers)
    pack = st.session_state.get(PACK_KEY)
    if not isinstance(pack, ScenarioPack):
        return
    st.subheader(t("newpack.made_title"), anchor=False)
    st.caption(t("newpack.made", title=plain(t.text(pack.metadata.title)), areas=len(pack.areas),
                 agencies=len(pack.agencies), channels=len(pack.channels),
                 systems=len(pack.infrastructure), modules=len(pack.modules)))
    st.caption(t("newpack.channels", names=plain(t("sweep.separator").join(
        t.text(c.name) for c in pack.channels))))
    saved = save_asking(t, pack, key=SAVE_KEY, default_id=pack.metadata.id)
    if saved is not None:
        st.subheader(t("newpack.next_title"), anchor=False)
        st.caption(t("newpack.next_help"))
        open_in(t, saved, key=SAVE_KEY)


def _answers(t: Translator) -> NewPack | str:
    """The form's answers, or the catalogue key of what is missing."""
    title = st.text_input(t("newpack.field.title"), key="new.title", max_chars=MAX_TITLE,
                          placeholder=t("newpack.field.title_example")).strip()
    left, right = st.columns(2)
    hazard = left.selectbox(t("newpack.field.hazard"), [h.value for h in Hazard],
                            key="new.hazard", format_func=lambda h: t(f"hazard.{h}"))
    place = right.text_input(t("newpack.field.place"), key="new.place", max_chars=MAX_PLACE,
                             placeholder=t("newpack.field.place_example")).strip()
    languages = st.multiselect(t("newpack.field.languages"), list(LANGUAGES),
                               default=[t.lang], key="new.languages",
                               format_func=LANGUAGE_NAMES.__getitem__)
    left, middle, right = st.columns(3)
    day = left.date_input(t("newpack.field.start_date"), value=None, key="new.start_date",
                          help=t("newpack.field.start_help"))
    clock = middle.time_input(t("newpack.field.start_time"), value=None, key="new.start_time",
                              step=300)
    duration = right.number_input(t("newpack.field.duration"), min_value=15, max_value=4320,
                                  value=180, step=15, key="new.duration")
    if not title:
        return "newpack.need.title"
    if not place:
        return "newpack.need.place"
    if day is not None and clock is None:
        return "newpack.need.time"
    return NewPack(title=title, hazard=str(hazard or Hazard.other.value), place=place,
                   languages=list(languages) or [t.lang], start=_start(day, clock),
                   duration=int(duration))


def _start(day: object, clock: object) -> str | None:
    if not isinstance(clock, time):
        return None
    if isinstance(day, date):
        return f"{day:%Y-%m-%d} {clock:%H:%M}"
    return f"{clock:%H:%M}"  # a time only: the first day of play


def _build(t: Translator, answers: NewPack | str) -> ScenarioPack | None:
    if isinstance(answers, str):
        st.error(t(answers))
        return None
    try:
        return new_pack(answers)
    except NewPackError as exc:
        st.error(t("newpack.refused", reason=plain(exc.words(t))))
        return None
