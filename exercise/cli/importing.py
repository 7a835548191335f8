"""`exercise import ROSTER [LINKS] MSEL… -o PACK`: a whole pack from a planner's spreadsheets."""

from __future__ import annotations

import argparse
from pathlib import Path

from exercise.cli.authoring import print_changes, read_spreadsheets, time_options
from exercise.cli.errors import UserError
from exercise.cli.language import code_word, listed, words
from exercise.cli.pack import load_or_explain, write_pack
from exercise.i18n import Translator
from exercise.report.words import capability
from exercise.scenario.loader import LoadResult
from exercise.scenario.models import ScenarioPack
from exercise.scenario.newpack import NewPack, NewPackError, new_pack
from exercise.scenario.spreadsheets.assemble import Assembly, assemble, errors
from exercise.scenario.spreadsheets.msel_values import CellError
from exercise.scenario.spreadsheets.refused_pack import refused_lines, refused_problems
from exercise.scenario.spreadsheets.tables import Table
from exercise.scenario.spreadsheets.words import decide_lines, note_words, sentence
from exercise.scenario.spreadsheets.words import problem_line as sheet_line
from exercise.scenario.text import DEFAULT_LANGUAGE


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import", help="make a pack from the roster, contact list and MSEL spreadsheets",
        description="Read the agency roster, the contact list and the MSEL (CSV or XLSX, "
        "English or Chinese headers) into a pack: areas from the roster, channels by name or "
        "alias, unknown senders as actors, modules from a Module/Phase column or the days, "
        "objectives from the Core Capability column. Lists what it created and what is still "
        "to decide; nothing is written while any row has a problem.")
    imp.add_argument("files", nargs="+", metavar="FILE", help="roster, contact list, MSEL…")
    imp.add_argument("--output", "-o", required=True, metavar="PACK", help="the pack to write")
    imp.add_argument("--pack", metavar="PACK", help="merge into this pack instead of a new one")
    imp.add_argument("--title", help="title of a new pack (default: the output's name)")
    imp.add_argument("--hazard", default="other", help="hazard of a new pack (default other)")
    imp.add_argument("--place", default="Exercise area", help="place of a new pack")
    imp.add_argument("--language", action="append", dest="languages", metavar="LANG")
    time_options(imp)
    imp.add_argument("--replace", action="store_true",
                     help="remove the pack's injects the MSEL does not have (each is listed)")
    imp.add_argument("--good-rows-only", action="store_true",
                     help="import the rows without problems")
    imp.add_argument("--force", action="store_true", help="overwrite an existing output")
    imp.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    t = words(args)
    target = Path(args.output)
    if target.exists() and not args.force and target != Path(args.pack or ""):
        raise UserError(t("cli.new.exists", file=target))
    tables: list[Table] = []
    for path in args.files:
        tables.extend(read_spreadsheets(path, None, t))
    base, fresh = _base(args, target, t)
    try:
        assembly = assemble(tables, base, fresh=fresh, start=args.start, elapsed=args.elapsed,
                            replace=args.replace, good_rows_only=args.good_rows_only)
    except CellError as exc:  # a bad --start, in the reader's language
        raise UserError(sentence(exc.code, exc.values, t)[0] if exc.code else str(exc)) from None
    except ValueError as exc:  # the merged pack breaks a rule no single row shows
        problems = refused_problems(exc)
        for line in refused_lines(problems, t):
            print(line)
        raise UserError(t("cli.import.nothing_written", count=len(problems))) from None
    for problem in assembly.problems:
        print(sheet_line(problem, t))
    if assembly.pack is None:
        found = errors(assembly.problems)
        rows = any(p.row is not None for p in found) and all(p.row is not None for p in found)
        raise UserError(t("cli.import.nothing_written_rows" if rows else "cli.import.nothing_written",
                          count=len(found)))
    check = write_pack(assembly.pack, target, t)
    pack = assembly.pack
    print(t("cli.import.wrote_whole", file=target, areas=len(pack.areas), agencies=len(pack.agencies),
            actors=len(pack.actors), links=len(pack.links), modules=len(pack.modules),
            objectives=len(pack.objectives), injects=len(pack.injects)))
    for kind, items in assembly.created.items():
        if items:
            print(t("cli.import.created", count=len(items), kind=code_word(t, "cli.import.kind", kind),
                    items=listed(_created_words(assembly, kind, t), t)))
    if assembly.changes is not None:
        print_changes(assembly.changes, t)
    if assembly.to_decide:
        print(t("cli.import.to_decide"))
        notes = assembly.to_decide if t.lang == DEFAULT_LANGUAGE else decide_lines(
            t, assembly.decide, {s.id: t.text(s.name) for s in pack.infrastructure})
        for note in notes:
            print(f"  - {note}")
    _design_check(check, target, t)
    return 0 if check.ok else 1


def _created_words(assembly: Assembly, kind: str, t: Translator) -> list[str]:
    """What the import created of one kind, as the English list or in `t`'s language."""
    items = assembly.created[kind]
    made = assembly.made.get(kind, [])
    if t.lang == DEFAULT_LANGUAGE or len(made) != len(items):
        return items
    if kind == "objectives":  # named by their HSEEP core capability
        return [t("sheet.quoted", text=capability(t, item)) for item in items]
    return [note_words(code, values, t) for code, values in made]


def _base(args: argparse.Namespace, target: Path, t: Translator) -> tuple[ScenarioPack, bool]:
    if args.pack:
        return load_or_explain(args.pack, t).valid_pack, False
    try:
        return new_pack(NewPack(title=args.title or target.stem, hazard=args.hazard,
                                place=args.place, languages=args.languages or ["en"],
                                start=args.start)), True
    except NewPackError as exc:
        raise UserError(exc.words(t)) from None


def _design_check(check: LoadResult, target: Path, t: Translator) -> None:
    """The design check (`exercise doctor`) on the written pack, when this version has it."""
    try:
        from exercise.design.doctor import diagnose_loaded
        from exercise.ui.doctor_words import counts, finding_line
    except ImportError:
        return
    if not check.ok:
        return
    try:
        diagnosis = diagnose_loaded(check, lang=t.lang)
    except Exception as exc:  # noqa: BLE001 - the check is advice; the pack is written
        print(t("cli.import.design_check_failed", error=exc.__class__.__name__))
        return
    print(t("cli.import.design_check"))
    for located in diagnosis.findings:
        print(f"  {finding_line(t, located)}")
    found = counts(diagnosis)
    print(t("doctor.summary", file=str(target), errors=found["error"],
            warnings=found["warning"], advice=found["advice"]))
