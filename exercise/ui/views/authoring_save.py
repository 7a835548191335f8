"""Saving a new or imported pack into the library, asking before anything is written over.

An id that an uploaded pack already uses is not refused outright: the page says so and offers
an explicit Replace button (a shipped pack's id is always refused). The saved entry's library
key is returned so the page can open it on the import or edit page."""

from __future__ import annotations

import streamlit as st

from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.writer import pack_to_yaml
from exercise.ui.authoring.saving import Outcome, SaveResult, save_new_pack, with_id
from exercise.ui.context import data_dir, page_for, scenarios_dir
from exercise.ui.library.catalogue import Origin, list_packs
from exercise.ui.views.authoring_common import show_save_result
from exercise.ui.widgets import plain


def save_asking(t: Translator, pack: ScenarioPack, *, key: str, default_id: str) -> str | None:
    """The id field, Save (and Replace when an uploaded pack has the id) and a YAML download.
    Returns the library key of the saved pack once it is saved."""
    pack_id = st.text_input(t("authoring.save.id"), value=default_id, key=f"{key}.id",
                            max_chars=64, help=t("authoring.save.id_help")).strip() or default_id
    left, right = st.columns(2)
    outcome_key = f"{key}.outcome"
    if left.button(t("authoring.save.button"), key=f"{key}.save", type="primary"):
        st.session_state[outcome_key] = save_new_pack(pack, pack_id, scenarios_dir(), data_dir())
    right.download_button(
        t("authoring.save.download"), data=lambda: pack_to_yaml(with_id(pack, pack_id)),
        file_name=f"{pack_id}.yaml", mime="application/yaml", key=f"{key}.download",
        on_click="ignore")
    outcome = st.session_state.get(outcome_key)
    if not isinstance(outcome, SaveResult) or outcome.pack_id != pack_id:
        return None
    if outcome.outcome is Outcome.taken and outcome.taken_by is Origin.uploaded:
        st.warning(t("newpack.save.exists", id=plain(pack_id)))
        if st.button(t("newpack.save.replace", id=plain(pack_id)), key=f"{key}.replace"):
            outcome = save_new_pack(pack, pack_id, scenarios_dir(), data_dir(),
                                    may_replace=pack_id)
            st.session_state[outcome_key] = outcome
        else:
            return None
    show_save_result(t, outcome)
    if outcome.outcome is not Outcome.saved or outcome.path is None:
        return None
    return saved_key(outcome)


def saved_key(outcome: SaveResult) -> str | None:
    """The library key (`uploaded/<file>`) of a pack just saved."""
    for entry in list_packs(scenarios_dir(), data_dir()):
        if outcome.path is not None and entry.path.resolve() == outcome.path.resolve():
            return entry.key
    return None


def open_in(t: Translator, library_key: str, *, key: str) -> None:
    """Buttons that open the saved pack on the import page (to bring the spreadsheets) or on
    the edit page."""
    left, right = st.columns(2)
    if left.button(t("newpack.next.import"), key=f"{key}.to_import", type="primary"):
        _switch("import", {"import.kind": "pack", "import.pack.from": "library",
                           "import.pack.base": library_key})
    if right.button(t("newpack.next.edit"), key=f"{key}.to_edit"):
        _switch("edit", {"edit.base": library_key})


def _switch(path: str, state: dict[str, str]) -> None:
    for name, value in state.items():
        st.session_state[name] = value
    page = page_for(path)
    if page is not None:  # the page alone (a test) has no navigation: stay here
        st.switch_page(page)
