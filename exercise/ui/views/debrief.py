"""Debrief, opened with `/debrief?k=DEBRIEF_CODE`: the after-action report read-only, in a
language chosen here (independent of the page's language), with a download of every format.
A debrief code opens only this page: it has no facilitator, evaluator or desk rights."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_record, session_state
from exercise.i18n import LANGUAGE_NAMES, Translator, translator
from exercise.report.export import (
    FORMATS,
    LANGUAGES,
    ExportError,
    Rendered,
    ReportSource,
    render,
    report_for,
)
from exercise.report.outline import Block, Bullets, Heading, Image, Paragraph, Table, outline
from exercise.ui.context import current_translator
from exercise.ui.gate import require_caller
from exercise.ui.views.debrief_replay import replay_panel
from exercise.ui.widgets import plain

URL_PATH = "debrief"
ROLES = ("debrief", "facilitator", "evaluator", "observer")
LANG_KEY = "debrief.lang"
LATER = ("docx", "pdf", "html")  # made after the report is on screen


def debrief_page() -> None:
    t = current_translator()
    store, _, caller = require_caller(*ROLES)
    state = session_state(store, caller.session_id)
    st.title(t("debrief.title"), anchor=False)
    if not state.ended:
        st.info(t("debrief.not_ended"))
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = t.lang if t.lang in LANGUAGES else LANGUAGES[0]
    lang = st.segmented_control(t("debrief.language"), LANGUAGES, key=LANG_KEY, required=True,
                                format_func=LANGUAGE_NAMES.__getitem__) or LANGUAGES[0]
    later = downloads(store, caller.session_id, state.seq, lang)
    st.divider()
    replay_panel(state, translator(lang))  # in the report's language
    st.divider()
    show_report(store, caller.session_id, state.seq, lang)
    for fmt, slot in later.items():
        with slot.container():
            download(store, caller.session_id, state.seq, fmt, lang)


def _source(store: EventStore, session_id: str) -> ReportSource:
    return ReportSource(session_record(store, session_id), store.events(session_id),
                        session_state(store, session_id))


@dataclass(frozen=True)
class Unavailable:
    """An export that could not be made, and why (shown where its button would be)."""

    reason: str


@st.cache_data(max_entries=64, show_spinner=False)
def rendered(session_id: str, seq: int, fmt: str, lang: str, _store: EventStore
             ) -> Rendered | Unavailable:
    """One export, made once per (session, latest event, format, language), or the reason it
    cannot be made."""
    try:
        return render(_source(_store, session_id), fmt, lang)
    except ExportError as exc:
        return Unavailable(str(exc))


def downloads(store: EventStore, session_id: str, seq: int, lang: str) -> dict[str, DeltaGenerator]:
    """A button for every export. The Word, PDF and HTML reports take a few seconds: they are
    made after the report is on screen, into the places returned here, so a button appears only
    once its file exists, and a file that cannot be made shows why instead of a dead button."""
    t = current_translator()
    st.markdown(f"**{plain(t('debrief.downloads'))}**")
    columns = st.columns(4)
    later: dict[str, DeltaGenerator] = {}
    for index, fmt in enumerate(FORMATS):
        with columns[index % 4]:
            if fmt in LATER:
                later[fmt] = st.empty()
                later[fmt].caption(t("debrief.preparing", name=format_name(t, fmt)))
            else:
                download(store, session_id, seq, fmt, lang)
    return later


def format_name(t: Translator, fmt: str) -> str:
    """A download's name; the event log's format by its file ending in Chinese (JSONL)."""
    return t("sweep.debrief.format.jsonl") if fmt == "jsonl" else t(f"debrief.format.{fmt}")


def download(store: EventStore, session_id: str, seq: int, fmt: str, lang: str) -> None:
    t = current_translator()
    made = rendered(session_id, seq, fmt, lang, store)
    if isinstance(made, Unavailable):
        st.error(plain(t("debrief.unavailable", name=format_name(t, fmt),
                         reason=made.reason)))
        return
    st.download_button(format_name(t, fmt), data=made.data, file_name=made.filename,
                       mime=made.mime, key=f"debrief.get.{fmt}", on_click="ignore",
                       width="stretch")


@st.cache_data(max_entries=32, show_spinner=False)
def report_blocks(session_id: str, seq: int, lang: str, _store: EventStore) -> list[Block]:
    return outline(report_for(_source(_store, session_id), lang))


def show_report(store: EventStore, session_id: str, seq: int, lang: str) -> None:
    """The report as Streamlit elements; every text from the pack or players shown as text."""
    for block in report_blocks(session_id, seq, lang, store):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            (st.header, st.subheader, st.subheader)[level - 1](plain(block.text), anchor=False)
        elif isinstance(block, Paragraph):
            st.markdown(plain(block.text))
        elif isinstance(block, Bullets):
            st.markdown("\n".join(f"- {plain(item)}" for item in block.items))
        elif isinstance(block, Table):
            if block.rows:
                headers = unique_headers(block.headers)
                st.dataframe(pd.DataFrame(list(block.rows), columns=headers), hide_index=True,
                             width="stretch")
            else:
                st.caption("–")
        elif isinstance(block, Image):
            # the caption doubles as the alternative text a screen reader says for the figure
            st.image(block.png, caption=plain(block.caption), alt=block.caption)


def unique_headers(headers: tuple[str, ...]) -> list[str]:
    """Column titles a table can show: blank or repeated ones made distinct with spaces."""
    seen: set[str] = set()
    found = []
    for header in headers:
        name = header or " "
        while name in seen:
            name += " "
        seen.add(name)
        found.append(name)
    return found
