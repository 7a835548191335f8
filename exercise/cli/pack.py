"""`exercise validate`, `exercise info`, `exercise schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.models import ScenarioPack
from exercise.scenario.schema import pack_json_schema_text
from exercise.scenario.summary import summary_lines
from exercise.scenario.writer import pack_to_yaml

PACK_SUFFIXES = (".yaml", ".yml")


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check scenario packs and print every problem with file:line:column",
        description="Check scenario packs. Prints OK and a summary, or every problem at once.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders of packs")
    validate.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    validate.set_defaults(handler=_validate)

    info = subparsers.add_parser("info", help="summarise a scenario pack")
    info.add_argument("pack", metavar="PACK")
    info.add_argument("--lang", default="en", choices=["en", "zh-TW"])
    info.set_defaults(handler=_info)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of the pack format")
    schema.add_argument("--output", "-o", metavar="FILE", help="write it to FILE instead")
    schema.set_defaults(handler=_schema)


def pack_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.suffix.lower() in PACK_SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


def _print_problems(result: LoadResult) -> None:
    for problem in result.problems:
        print(problem)


def _validate(args: argparse.Namespace) -> int:
    files = pack_files(args.paths)
    if not files:
        print("exercise: no pack files (*.yaml) found", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        result = load_pack(path)
        _print_problems(result)
        if result.ok:
            if not args.quiet:
                print(f"{path}: OK" + (f" ({len(result.warnings)} warnings)" if result.warnings else ""))
                for line in summary_lines(result.valid_pack):
                    print(line)
        else:
            failed += 1
            print(f"{path}: {len(result.errors)} error(s)", file=sys.stderr)
    return 1 if failed else 0


def load_or_explain(path: str) -> LoadResult:
    """Load a pack for a command that needs a valid one; print its problems if it is not."""
    if not Path(path).is_file():
        raise UserError(f"{path}: no such pack file; give the path of a .yaml scenario pack")
    result = load_pack(path)
    if not result.ok:
        _print_problems(result)

        raise UserError(f"{path} has {len(result.errors)} error(s); run `exercise validate {path}`")
    return result


def _info(args: argparse.Namespace) -> int:
    result = load_or_explain(args.pack)
    for line in summary_lines(result.valid_pack, args.lang):
        print(line)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = pack_json_schema_text()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    return 0


def write_pack(pack: ScenarioPack, target: Path) -> LoadResult:
    """Write `pack` as YAML to `target` and print what loading that very text finds (with the
    target's lines), so what a planner is told matches the file they open."""
    text = pack_to_yaml(pack)
    check = load_pack_text(text, file=str(target))
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    for problem in check.problems:
        print(problem)
    return check
