"""What the import and edit pages share: choosing the base pack, saving or downloading the new
pack, and listing problems as plain text."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem
from exercise.scenario.writer import pack_to_yaml
from exercise.ui.authoring.saving import Outcome, SaveResult, save_new_pack, with_id
from exercise.ui.context import current_translator, data_dir, scenarios_dir
from exercise.ui.library.catalogue import Origin, PackEntry, list_packs, pack_label
from exercise.ui.problem_words import problem_list
from exercise.ui.widgets import plain


def choose_base(t: Translator, key: str, label: str) -> PackEntry | None:
    """A usable pack of the library (shipped or uploaded), chosen by title."""
    usable = [e for e in list_packs(scenarios_dir(), data_dir())
              if e.ok and e.result.pack is not None]
    if not usable:
        st.info(t("library.empty", folder=str(scenarios_dir())))
        return None
    by_key = {entry.key: entry for entry in usable}
    if st.session_state.get(key) not in by_key:
        st.session_state[key] = usable[0].key
    chosen = st.selectbox(label, options=list(by_key), key=key,
                          format_func=lambda k: pack_label(by_key[k], t))
    return by_key.get(chosen) if chosen is not None else None


def problem_lines(problems: Iterable[object]) -> None:
    """Problems (located, with what to do): a pack's in the reader's language as lines that
    wrap, others as a plain-text block."""
    items = list(problems)
    if items and all(isinstance(p, Problem) for p in items):
        problem_list([p for p in items if isinstance(p, Problem)], current_translator())
        return
    text = "\n".join(str(p) for p in items)
    if text:
        st.code(text, language=None, wrap_lines=True)


def save_or_download(t: Translator, pack: ScenarioPack, *, key: str, default_id: str,
                     rename_shipped: bool, may_replace: str | None) -> None:
    """The new pack's id, a button that adds it to the library, and a YAML download."""
    pack_id = st.text_input(t("authoring.save.id"), value=default_id, key=f"{key}.id",
                            help=t("authoring.save.id_help")).strip() or default_id
    left, right = st.columns(2)
    if left.button(t("authoring.save.button"), key=f"{key}.save", type="primary"):
        st.session_state[f"{key}.outcome"] = save_new_pack(
            pack, pack_id, scenarios_dir(), data_dir(), rename_shipped=rename_shipped,
            may_replace=may_replace)
    right.download_button(
        t("authoring.save.download"), data=lambda: pack_to_yaml(with_id(pack, pack_id)),
        file_name=f"{pack_id}.yaml", mime="application/yaml", key=f"{key}.download",
        on_click="ignore")
    outcome = st.session_state.get(f"{key}.outcome")
    if isinstance(outcome, SaveResult):
        show_save_result(t, outcome)


def show_save_result(t: Translator, result: SaveResult) -> None:
    pack_id = plain(result.pack_id)
    if result.outcome is Outcome.saved and result.path is not None:
        if result.renamed_from:
            st.warning(t("authoring.save.renamed", old=plain(result.renamed_from), new=pack_id))
        st.success(t("authoring.save.saved", id=pack_id, file=plain(result.path.name)))
    elif result.outcome is Outcome.bad_id:
        st.error(t("authoring.save.bad_id", id=pack_id))
    elif result.outcome is Outcome.taken:
        which = "shipped" if result.taken_by is Origin.shipped else "uploaded"
        st.error(t(f"authoring.save.taken.{which}", id=pack_id))
    else:
        st.error(t("authoring.save.invalid", id=pack_id, count=len(result.problems)))
        problem_lines(result.problems)
