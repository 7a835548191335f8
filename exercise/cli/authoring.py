"""`exercise import-msel`, `export-msel`, `import-roster`, `export-roster`: spreadsheets in and out."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import code_word, listed, os_reason, problem_text, words
from exercise.cli.pack import ENGLISH, load_or_explain, write_pack
from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Severity
from exercise.scenario.spreadsheets.columns import ColumnMapping, MappingError, parse_map_options
from exercise.scenario.spreadsheets.msel import ImportRefused, MselChanges, merge_msel, msel_changes, read_msel
from exercise.scenario.spreadsheets.msel_export import msel_table
from exercise.scenario.spreadsheets.msel_values import CellError
from exercise.scenario.spreadsheets.roster import merge_roster, read_roster
from exercise.scenario.spreadsheets.roster_export import roster_tables
from exercise.scenario.spreadsheets.tables import (
    MAX_FILE_BYTES,
    SpreadsheetError,
    Table,
    read_table,
    read_tables,
)
from exercise.scenario.spreadsheets.words import sentence
from exercise.scenario.spreadsheets.write import write_csv, write_xlsx


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import-msel", help="import an MSEL spreadsheet (CSV or XLSX) into a new pack file",
        description="Read the injects of an MSEL spreadsheet into a copy of PACK. Headers are "
        "recognised in English and Chinese; nothing is imported while any row has a problem, "
        "unless --good-rows-only is given.")
    imp.add_argument("file", metavar="FILE", help="the MSEL as .xlsx or .csv")
    _pack_output_options(imp)
    time_options(imp)
    imp.add_argument("--replace", action="store_true",
                     help="remove the pack's injects that the sheet does not have (each is "
                     "listed); without it they are kept and listed")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="map a column (header text or letter) to a field, e.g. "
                     "\"Recipient=to\"; FIELD '-' ignores the column; repeat as needed")
    imp.set_defaults(handler=_import_msel)

    exp = subparsers.add_parser("export-msel", help="write a pack's MSEL as XLSX or CSV")
    exp.add_argument("pack", metavar="PACK")
    _export_options(exp)
    exp.set_defaults(handler=_export_msel)

    roster = subparsers.add_parser(
        "import-roster", help="import agencies and the contact plan from CSV or XLSX",
        description="Read an agency list (ID, Name, Level, Sector, Area…) and a contact plan "
        "(From, To, Channels in priority order…) into a copy of PACK; also reads the EMON "
        "node/edge CSV layout (id,name,sponsorship,… and source,target,frequency).")
    roster.add_argument("files", nargs="+", metavar="FILE",
                        help="one workbook with both sheets, or the two CSV files")
    _pack_output_options(roster)
    roster.add_argument("--default-area", metavar="AREA", help="area for agencies without one")
    roster.add_argument("--default-channel", action="append", metavar="CHANNEL",
                        help="channel for links without one (repeat for a priority list)")
    roster.set_defaults(handler=_import_roster)

    roster_out = subparsers.add_parser(
        "export-roster", help="write a pack's agencies and contact plan as XLSX or CSV",
        description="XLSX: one workbook with the sheets Agencies and Contact plan. CSV: two "
        "files, OUTPUT-agencies.csv and OUTPUT-contact-plan.csv.")
    roster_out.add_argument("pack", metavar="PACK")
    _export_options(roster_out)
    roster_out.set_defaults(handler=_export_roster)


def time_options(parser: argparse.ArgumentParser) -> None:
    times = parser.add_mutually_exclusive_group()
    times.add_argument("--start", metavar="CLOCK",
                       help="the clock time T+00:00 stands for, e.g. 07:58 or '2026-08-14 "
                       "07:58'; then 08:15 in the sheet means T+00:17")
    times.add_argument("--elapsed", action="store_true",
                       help="read times such as 07:58 as hours and minutes from the start")


def _pack_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", metavar="PACK",
                        help="the pack to import into (default: a new pack with the standard "
                        "channels, like `exercise new`)")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to read (XLSX)")
    parser.add_argument("--good-rows-only", action="store_true",
                        help="import the rows without problems and list those left out")
    parser.add_argument("--output", "-o", metavar="NEW_PACK",
                        help="the new pack file (default: PACK name + '-imported.yaml')")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--output", "-o", metavar="FILE", help="where to write it")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def read_spreadsheet(path: str, sheet: str | None, t: Translator = ENGLISH) -> Table:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=path, reason=os_reason(exc, t))) from None
    try:
        table = read_table(data, path, sheet)
    except SpreadsheetError as exc:
        for problem in exc.problems:
            print(problem_text(problem, t))
        raise UserError(t("cli.import.cannot", file=path)) from None
    return table


def output_path(args: argparse.Namespace, default: Path) -> Path:
    path = Path(args.output) if args.output else default
    if path.exists() and not args.force:
        raise UserError(words(args)("cli.import.exists", file=path))
    return path


def _import_msel(args: argparse.Namespace) -> int:
    if not args.pack and not args.map and not args.sheet:
        return _as_whole_import(args, [args.file])
    t = words(args)
    table = read_spreadsheet(args.file, args.sheet, t)
    pack = base_pack(args, table.file)
    try:
        result = read_msel(table, pack, overrides=parse_map_options(args.map), start=args.start,
                           elapsed=args.elapsed)
    except (MappingError, CellError) as exc:  # a bad --map or --start, in the reader's language
        raise UserError(sentence(exc.code, exc.values, t)[0] if exc.code else str(exc)) from None
    print_mapping(result.mapping, t)
    code = write_imported(
        args, pack, lambda good: merge_msel(pack, result, good_rows_only=good,
                                            replace=args.replace),
        result.all_problems, [(r.row, r.problems) for r in result.bad_rows])
    print_changes(msel_changes(pack, result, replace=args.replace), t)
    return code


def _as_whole_import(args: argparse.Namespace, files: list[str]) -> int:
    """Without --pack, the sheets make a new pack as `exercise import` does (areas from the
    roster, senders as actors, the standard channels)."""
    from exercise.cli.importing import run_import

    stem = Path(files[0]).stem
    output = args.output or str(Path(files[0]).with_name(f"{stem}-imported.yaml"))
    return run_import(argparse.Namespace(
        files=files, output=output, pack=None, title=stem, hazard="other",
        place="Exercise area", languages=None, start=getattr(args, "start", None),
        elapsed=getattr(args, "elapsed", False), replace=getattr(args, "replace", False),
        good_rows_only=args.good_rows_only, force=args.force, lang=getattr(args, "lang", None)))


def base_pack(args: argparse.Namespace, sheet: str) -> ScenarioPack:
    """The pack named by --pack, or a new one named after the sheet."""
    if args.pack:
        return load_or_explain(args.pack, words(args)).valid_pack
    from exercise.scenario.newpack import NewPack, new_pack

    stem = Path(sheet).stem
    args.pack = str(Path(args.output or stem).with_name(f"{stem}.yaml"))
    return new_pack(NewPack(title=stem, hazard="other", place="Exercise area"))


def print_changes(changes: MselChanges, t: Translator = ENGLISH) -> None:
    if changes.added:
        print(t("cli.import.added", count=len(changes.added), ids=listed(changes.added, t)))
    if changes.changed:
        print(t("cli.import.updated", count=len(changes.changed), ids=listed(changes.changed, t)))
    if changes.kept:
        print(t("cli.import.kept", count=len(changes.kept), ids=listed(changes.kept, t)))
    if changes.removed:
        print(t("cli.import.removed", count=len(changes.removed), ids=listed(changes.removed, t)))


def print_mapping(mapping: ColumnMapping, t: Translator = ENGLISH) -> None:
    where = (t("cli.import.header_row", row=mapping.header_row) if mapping.header_row
             else t("cli.import.no_header_row"))
    print(t("cli.import.columns", where=where))
    for column in mapping.columns:
        if column.field:
            lang = f" ({column.language})" if column.language else ""
            print(f"  {column.letter} {column.header or '':<28} -> {column.field}{lang}")
    unused = [f"{c.letter} " + t("cli.quoted", text=c.header) for c in mapping.unused]
    if unused:
        print(t("cli.import.not_imported", columns=listed(unused, t)))


def write_imported(args: argparse.Namespace, pack: ScenarioPack,
                   merge: Callable[[bool], ScenarioPack], problems: list,
                   bad_rows: list[tuple[int, list]]) -> int:
    t = words(args)
    for problem in problems:
        print(problem_text(problem, t))
    try:
        new_pack = merge(args.good_rows_only)
    except ImportRefused as exc:
        raise UserError(str(exc)) from None
    if args.good_rows_only and bad_rows:
        print(t("cli.import.left_out", count=len(bad_rows)))
        for row, row_problems in bad_rows:
            reasons = t("cli.semicolon").join(p.message for p in row_problems if p.severity is Severity.error)
            print(t("cli.import.row", row=row, reasons=reasons))
    source = Path(args.pack)
    target = output_path(args, source.with_name(f"{source.stem}-imported.yaml"))
    check = write_pack(new_pack, target, t)
    print(t("cli.import.wrote", file=target, agencies=len(new_pack.agencies), links=len(new_pack.links),
            injects=len(new_pack.injects)))
    return 0 if check.ok else 1


def _export_msel(args: argparse.Namespace) -> int:
    t = words(args)
    pack = load_or_explain(args.pack, t).valid_pack
    headers, rows = msel_table(pack)
    target = output_path(args, Path(f"{Path(args.pack).stem}-msel.{args.format}"))
    data = write_csv(headers, rows) if args.format == "csv" else write_xlsx([("MSEL", headers, rows)])
    write_bytes(target, data, t)
    print(t("cli.import.wrote_msel", file=target, injects=len(rows)))
    return 0


def write_bytes(target: Path, data: bytes, t: Translator = ENGLISH) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(t("cli.cannot_write", file=target, reason=os_reason(exc, t))) from None


def _import_roster(args: argparse.Namespace) -> int:
    if not args.pack and not args.default_area and not args.default_channel:
        return _as_whole_import(args, args.files)
    t = words(args)
    tables: list[Table] = []
    for path in args.files:
        tables.extend(read_spreadsheets(path, args.sheet, t))
    pack = base_pack(args, args.files[0])
    result = read_roster(tables, pack, default_area=args.default_area,
                         default_channels=args.default_channel)
    for kind, mapping in (("agencies", result.agency_mapping), ("links", result.link_mapping)):
        if mapping is not None:
            print(t("cli.import.sheet_of", kind=code_word(t, "cli.import.kind", kind)), end=" ")
            print_mapping(mapping, t)
    if not result.rows:
        for problem in result.all_problems:
            print(problem_text(problem, t))
        raise UserError(t("cli.import.nothing"))
    return write_imported(args, pack, lambda good: merge_roster(pack, result, good_rows_only=good),
                          result.all_problems, [(r.row, r.problems) for r in result.bad_rows])


def read_spreadsheets(path: str, sheet: str | None, t: Translator = ENGLISH) -> list[Table]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        return read_tables(data, path, sheet)
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=path, reason=os_reason(exc, t))) from None
    except SpreadsheetError as exc:
        for problem in exc.problems:
            print(problem_text(problem, t))
        raise UserError(t("cli.import.cannot", file=path)) from None


def _export_roster(args: argparse.Namespace) -> int:
    t = words(args)
    pack = load_or_explain(args.pack, t).valid_pack
    sheets = roster_tables(pack)
    stem = Path(args.output) if args.output else Path(f"{Path(args.pack).stem}-roster.xlsx")
    if args.format == "xlsx":
        target = output_path(args, stem)
        write_bytes(target, write_xlsx(sheets), t)
        print(t("cli.import.wrote_roster", file=target, agencies=len(pack.agencies), links=len(pack.links)))
        return 0
    base = stem.with_suffix("") if stem.suffix in (".csv", ".xlsx") else stem
    targets = [base.with_name(f"{base.name}-{name.lower().replace(' ', '-')}.csv")
               for name, _, _ in sheets]
    for target, (_, headers, rows) in zip(targets, sheets, strict=True):
        args.output = str(target)
        write_bytes(output_path(args, target), write_csv(headers, rows), t)
    print(t("cli.wrote", file=listed(targets, t)))
    return 0
