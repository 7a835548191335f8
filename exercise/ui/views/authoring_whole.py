"""A whole pack from the roster, contact list and MSEL, as `exercise import` makes it: into a
new pack (title, hazard, place) or into a pack of the library. Before anything is saved the page
shows every problem, what the import created, what is still to decide, the MSEL's diff by inject
number (injects the sheets lack are kept unless the planner ticks their removal) and the design
check of the result."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from exercise.i18n import LANGUAGE_NAMES, Translator
from exercise.report.words import capability as capability_name
from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import Hazard, ScenarioPack
from exercise.scenario.newpack import NewPack, NewPackError, new_pack, read_start
from exercise.scenario.spreadsheets.assemble import Assembly, assemble, errors
from exercise.scenario.spreadsheets.msel_values import CellError
from exercise.scenario.spreadsheets.refused_pack import refused_lines, refused_problems
from exercise.scenario.spreadsheets.tables import Table
from exercise.scenario.spreadsheets.words import decide_lines, note_words, sentence
from exercise.scenario.text import LANGUAGES
from exercise.scenario.writer import pack_to_yaml
from exercise.ui.context import current_translator
from exercise.ui.library.design_check import design_check_panel
from exercise.ui.problem_words import problem_list
from exercise.ui.views.authoring_common import choose_base
from exercise.ui.views.authoring_import import READ_KEY, sheet_problem_lines, uploaded_tables
from exercise.ui.views.authoring_save import open_in, save_asking
from exercise.ui.widgets import plain

_ASSEMBLY_KEY = "import.pack.assembly"


def whole_pack(t: Translator) -> None:
    """Roster, contact list and MSEL into a new pack or into a pack of the library: what was
    created, what is still to decide, every problem and the diff of the MSEL are shown before
    anything is saved; the design check runs on the result."""
    source = st.radio(t("newpack.import.from"), ("new", "library"), horizontal=True,
                      key="import.pack.from",
                      format_func=lambda k: t(f"newpack.import.from.{k}"))
    base: ScenarioPack | None = None
    answers: NewPack | None = None
    if source == "library":
        entry = choose_base(t, "import.pack.base", t("import.base"))
        if entry is None or entry.result.pack is None:
            return
        base, base_tag = entry.result.pack, f"{entry.key}:{entry.result.content_hash}"
    else:
        answers = _new_answers(t)
        base_tag = repr(answers)
    start = st.text_input(t("import.start"), key="import.pack.start", placeholder="07:58",
                          max_chars=40, help=t("import.start_help")).strip()
    elapsed = st.checkbox(t("import.elapsed"), key="import.pack.elapsed", disabled=bool(start))
    tables = uploaded_tables(t, "pack")
    if not tables or (base is None and answers is None):
        st.caption(t("import.pack.needs" if source == "new" else "newpack.import.needs_files"))
        return
    if base is None and answers is not None:
        try:
            answers.start = _pack_start(start)
            base = new_pack(answers)
        except NewPackError as exc:
            st.error(t("import.bad_setting", reason=plain(exc.words(t))))
            return
    if base is not None:
        options = WholePackOptions(base_tag, start or None, elapsed and not start)
        _import(t, tables, base, answers is not None, options)


def _import(t: Translator, tables: list[Table], base: ScenarioPack, fresh: bool,
            options: WholePackOptions) -> None:
    assembly = _assembled(tables, base, fresh, options)
    if assembly is None:
        return
    if assembly.pack is None and _row_errors(assembly):
        st.warning(t("newpack.import.row_problems"))
        sheet_problem_lines(assembly.problems, t)
        if not st.checkbox(t("import.good_only"), key="import.pack.good_only"):
            return
        options = options._replace(good_only=True)
        assembly = _assembled(tables, base, fresh, options)
        if assembly is None:
            return
    elif assembly.problems:
        sheet_problem_lines(assembly.problems, t)
    pack = assembly.pack
    if pack is None:
        st.error(t("import.pack.refused"))
        return
    if not fresh:
        st.subheader(t("import.diff_title"), anchor=False)
        kept = _kept(base, assembly)
        if kept and st.checkbox(t("import.diff_replace", count=len(kept)),
                                key="import.pack.replace"):
            replaced = _assembled(tables, base, fresh, options._replace(replace=True))
            if replaced is None or replaced.pack is None:
                st.error(t("import.pack.refused"))
                return
            assembly, pack, kept = replaced, replaced.pack, []
        _pack_diff(t, base, pack, kept)
    _created(t, assembly, fresh)
    st.subheader(t("import.save_title"), anchor=False)
    st.caption(t("newpack.import.summary", areas=len(pack.areas), agencies=len(pack.agencies),
                 actors=len(pack.actors), links=len(pack.links), modules=len(pack.modules),
                 objectives=len(pack.objectives), injects=len(pack.injects)))
    _design_check(t, pack)
    default_id = pack.metadata.id if fresh else f"{pack.metadata.id[:55]}-imported"
    saved = save_asking(t, pack, key="import.pack.save", default_id=default_id)
    if saved is not None:
        open_in(t, saved, key="import.pack.save")


class WholePackOptions(NamedTuple):
    base: str
    start: str | None
    elapsed: bool
    good_only: bool = False
    replace: bool = False


def _new_answers(t: Translator) -> NewPack | None:
    """Title, hazard, place and languages of the new pack; None until title and place are
    given."""
    left, middle, right = st.columns(3)
    title = left.text_input(t("import.pack.title"), key="import.pack.title",
                            max_chars=200).strip()
    hazard = middle.selectbox(t("import.pack.hazard"), [h.value for h in Hazard],
                              index=[h.value for h in Hazard].index("earthquake"),
                              key="import.pack.hazard", format_func=lambda h: t(f"hazard.{h}"))
    place = right.text_input(t("import.pack.place"), key="import.pack.place",
                             max_chars=100).strip()
    languages = st.multiselect(t("newpack.field.languages"), list(LANGUAGES), default=[t.lang],
                               key="import.pack.languages",
                               format_func=LANGUAGE_NAMES.__getitem__)
    if not title or not place:
        return None
    return NewPack(title=title, hazard=str(hazard or "other"), place=place,
                   languages=list(languages) or [t.lang])


def _pack_start(start: str) -> str | None:
    """The sheet's clock start as the new pack's scenario start, when it reads as one."""
    try:
        return start if read_start(start) is not None else None
    except NewPackError:
        return None


def _assembled(tables: list[Table], base: ScenarioPack, fresh: bool,
               options: WholePackOptions) -> Assembly | None:
    """The assembly of these uploads with these options, kept for the reruns that change
    nothing about them (typing the id, ticking a box elsewhere)."""
    uploads = st.session_state.get(READ_KEY, (None,))[0]
    key = (uploads, fresh, options)
    cache: dict[object, Assembly] = st.session_state.setdefault(_ASSEMBLY_KEY, {})
    if key not in cache:
        try:
            result = assemble(tables, base, fresh=fresh, start=options.start,
                              elapsed=options.elapsed, replace=options.replace,
                              good_rows_only=options.good_only)
        except CellError as exc:
            t = current_translator()
            reason = sentence(exc.code, exc.values, t)[0] if exc.code and t.lang != "en" else str(exc)
            st.error(t("import.bad_setting", reason=plain(reason)))
            return None
        except ValueError as exc:  # the merged pack breaks a rule the sheets cannot show
            _refused(current_translator(), exc)
            return None
        if len(cache) > 6:
            cache.clear()
        cache[key] = result
    return cache[key]


def _refused(t: Translator, exc: ValueError) -> None:
    """The merged pack's problems, each where it is in the pack and what to do, in the page's
    language and as plain text (never pydantic's English)."""
    problems = refused_problems(exc)
    lines = [f"- {plain(line)}" for line in refused_lines(problems, t)]
    st.error("\n\n".join([plain(t("import.merged.refused", count=len(problems))),
                            "\n".join(lines)]))


def _row_errors(assembly: Assembly) -> bool:
    found = errors(assembly.problems)
    return bool(found) and all(p.row is not None for p in found)


def _kept(base: ScenarioPack, assembly: Assembly) -> list[str]:
    """Injects of the base pack that no sheet has (kept unless the planner removes them)."""
    if assembly.changes is None:
        return []
    before = {inject.id for inject in base.injects}
    return [i for i in assembly.changes.kept if i in before]


def _pack_diff(t: Translator, before: ScenarioPack, after: ScenarioPack, kept: list[str]) -> None:
    """What saving changes in the MSEL, by inject number, from the two packs themselves."""
    old = {inject.id: inject for inject in before.injects}
    new = {inject.id: inject for inject in after.injects}
    groups = {
        "added": [i for i in new if i not in old],
        "changed": [i for i in new if i in old and new[i] != old[i]],
        "kept": kept,
        "removed": [i for i in old if i not in new],
    }
    if not any(groups.values()):
        st.caption(t("newpack.import.no_change"))
    for label, ids in groups.items():
        if ids:
            st.caption(plain(t(f"import.diff.{label}", count=len(ids), ids=", ".join(ids))))


def _created(t: Translator, assembly: Assembly, fresh: bool) -> None:
    if any(assembly.created.values()):
        st.subheader(t("import.pack.created_title"), anchor=False)
    for kind_name, items in assembly.created.items():
        if items:
            kind = t(f"newpack.kind.{kind_name.replace(' ', '_')}")
            if kind_name == "objectives":  # named by their HSEEP core capability
                items = [capability_name(t, item) for item in items]
            elif len(assembly.made.get(kind_name, ())) == len(items):  # the reader's words
                items = [note_words(code, values, t) for code, values in assembly.made[kind_name]]
            st.caption(plain(t("import.pack.created", kind=kind, count=len(items),
                               items=t("sheet.sep").join(items))))
    if fresh and assembly.changes is not None and assembly.pack is not None:
        ids = [inject.id for inject in assembly.pack.injects]
        st.caption(plain(t("import.diff.added", count=len(ids), ids=", ".join(ids))))
    if assembly.decide:
        st.subheader(t("import.pack.to_decide"), anchor=False)
        systems = {s.id: t.text(s.name) for s in assembly.pack.infrastructure} \
            if assembly.pack is not None else {}
        for note in decide_lines(t, assembly.decide, systems):
            st.caption(plain(note))


def _design_check(t: Translator, pack: ScenarioPack) -> None:
    """The design check (`exercise doctor`) of the pack about to be saved."""
    check = load_pack_text(pack_to_yaml(pack), file=f"{pack.metadata.id}.yaml")
    if check.pack is None:
        st.error(t("newpack.import.invalid", count=len(check.problems)))
        problem_list(check.problems, t)
        return
    with st.expander(t("newpack.import.design_check"), expanded=True):
        design_check_panel(check.pack, t, check.content_hash, check, key="import")
