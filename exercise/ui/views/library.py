"""Scenario library: the shipped and uploaded packs, uploading a pack, and the preview."""

from __future__ import annotations

from typing import Any

import streamlit as st

from exercise.i18n import Translator
from exercise.ui.context import current_translator, data_dir, page_for, scenarios_dir
from exercise.ui.gate import require_organizer
from exercise.ui.library.catalogue import (
    MAX_UPLOAD_BYTES,
    PackEntry,
    UploadOutcome,
    accept_upload,
    list_packs,
    pack_label,
)
from exercise.ui.library.preview import render_preview
from exercise.ui.problem_words import problem_list
from exercise.ui.widgets import human_size, plain

SELECTED_KEY = "library.selected"
HANDLED_UPLOAD_KEY = "library.handled_upload"
PACK_PARAM = "pack"


def library_page() -> None:
    t = current_translator()
    st.title(t("library.title"), anchor=False)
    st.caption(t("library.intro"))
    outcome = _upload_form(t)
    entries = list_packs(scenarios_dir(), data_dir())
    usable = [entry for entry in entries if entry.ok and entry.result.pack is not None]
    if outcome is not None and outcome.saved is not None:
        st.session_state[SELECTED_KEY] = f"uploaded/{outcome.saved.name}"
    if not usable:
        st.info(t("library.empty", folder=str(scenarios_dir())))
    else:
        chosen = _choose(usable, t)
        if chosen is not None and chosen.result.pack is not None:
            if chosen.result.warnings:
                with st.expander(t("library.warnings", count=len(chosen.result.warnings))):
                    st.code("\n".join(str(p) for p in chosen.result.warnings), language=None,
                            wrap_lines=True)
            sessions = page_for("sessions")
            if sessions is not None:
                st.page_link(sessions, label=t("library.start_session"),
                             query_params={PACK_PARAM: chosen.key})
            st.subheader(t("preview.title"), anchor=False)
            render_preview(chosen.result.pack, t, chosen.result.content_hash)
    _broken(entries, t)


def _choose(usable: list[PackEntry], t: Translator) -> PackEntry | None:
    """The pack to preview; kept in the URL (`?pack=shipped/x.yaml`) so a reload keeps it."""
    by_key = {entry.key: entry for entry in usable}
    if st.session_state.get(SELECTED_KEY) not in by_key:
        from_url = st.query_params.get(PACK_PARAM)
        st.session_state[SELECTED_KEY] = from_url if from_url in by_key else usable[0].key
    key = st.selectbox(
        t("library.choose"),
        options=list(by_key),
        format_func=lambda k: pack_label(by_key[k], t),
        key=SELECTED_KEY,
    )
    if key is not None and st.query_params.get(PACK_PARAM) != key:
        st.query_params[PACK_PARAM] = key
    return by_key.get(key)


def _upload_form(t: Translator) -> UploadOutcome | None:
    """The upload box; returns the outcome only on the run where a new file arrived."""
    with st.expander(t("upload.title")):
        if not require_organizer("library"):
            return None
        upload = st.file_uploader(
            t("upload.label", limit=human_size(MAX_UPLOAD_BYTES)),
            type=["yaml", "yml"],
            accept_multiple_files=False,
            key="library.upload",
        )
        if upload is None:
            return None
        handled: tuple[str, Any] | None = st.session_state.get(HANDLED_UPLOAD_KEY)
        fresh = handled is None or handled[0] != upload.file_id
        if fresh:
            # Validate and store once per uploaded file, not on every rerun that follows.
            outcome = accept_upload(upload.name, upload.getvalue(), data_dir(), scenarios_dir())
            st.session_state[HANDLED_UPLOAD_KEY] = (upload.file_id, outcome)
        else:
            assert handled is not None
            outcome = handled[1]
        if outcome.conflict is not None and outcome.saved is None:
            # Another upload has this id: replacing it is a separate, explicit click.
            st.warning(t("upload.id_taken", name=plain(upload.name),
                         id=plain(outcome.conflict.stem)))
            if st.button(t("upload.replace", id=plain(outcome.conflict.stem)),
                         key="library.upload.replace"):
                outcome = accept_upload(upload.name, upload.getvalue(), data_dir(),
                                        scenarios_dir(), replace=True)
                st.session_state[HANDLED_UPLOAD_KEY] = (upload.file_id, outcome)
                fresh = True
        if outcome.saved is not None and outcome.result.pack is not None:
            title = t.text(outcome.result.pack.metadata.title)
            st.success(t("upload.saved", name=plain(upload.name), title=plain(title)))
        elif outcome.conflict is None:
            st.error(t("upload.failed", name=plain(upload.name), count=len(outcome.problems)))
            st.caption(t("upload.problem_list"))
            problem_list(outcome.problems, t)
        return outcome if fresh else None


def _broken(entries: list[PackEntry], t: Translator) -> None:
    broken = [entry for entry in entries if not entry.ok]
    if not broken:
        return
    st.subheader(t("library.broken_title"), anchor=False)
    st.caption(t("library.broken_help"))
    for entry in broken:
        label = t("library.broken", name=entry.key, count=len(entry.result.errors))
        with st.expander(plain(label)):
            problem_list(entry.result.problems, t)
