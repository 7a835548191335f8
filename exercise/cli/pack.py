"""`exercise validate`, `exercise info`, `exercise schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import code_word, language_option, listed, os_reason, problem_text, words
from exercise.i18n import Translator, translator
from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.models import ScenarioPack
from exercise.scenario.schema import pack_json_schema_text
from exercise.scenario.summary import summarize
from exercise.scenario.timecode import format_time
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
    language_option(info)
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


ENGLISH = translator("en")


def print_problems(result: LoadResult, t: Translator) -> None:
    for problem in result.problems:
        print(problem_text(problem, t))


def summary_lines(pack: ScenarioPack, t: Translator) -> list[str]:
    """A one-screen summary of a pack (in English the lines of `scenario.summary`)."""
    s = summarize(pack, t.lang)
    levels = listed((t("cli.summary.count", count=n, name=code_word(t, "level", level))
                     for level, n in sorted(s.agencies_by_level.items())), t)
    types = listed((t("cli.summary.count", count=n, name=code_word(t, "inject_type", kind))
                    for kind, n in sorted(s.injects_by_type.items())), t)
    times = [i.time for i in pack.injects] + [m.start for m in pack.modules]
    return [
        t("cli.summary.title", title=s.title, id=s.id),
        t("cli.summary.hazards", hazards=listed((code_word(t, "hazard", h) for h in s.hazards), t),
          type=code_word(t, "exercise_type", s.exercise_type), minutes=s.duration_minutes,
          languages=listed((code_word(t, "cli.language", lang) for lang in s.languages), t)),
        t("cli.summary.setting", setting=s.setting),
        t("cli.summary.agencies", agencies=s.agencies, levels=levels, links=s.links,
          channels=s.channels),
        t("cli.summary.injects", modules=s.modules, injects=s.injects, types=types,
          contingency=s.contingency_injects),
        t("cli.summary.objectives", objectives=s.objectives, tasks=s.critical_tasks,
          sources=s.sources),
        t("cli.summary.span", start=format_time(min(times)), end=format_time(max(times))),
    ]


def _validate(args: argparse.Namespace) -> int:
    t = words(args)
    files = pack_files(args.paths)
    if not files:
        print(t("cli.error", message=t("cli.validate.no_files")), file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        result = load_pack(path)
        print_problems(result, t)
        if result.ok:
            if not args.quiet:
                print(t("cli.validate.ok_warnings", file=path, warnings=len(result.warnings))
                      if result.warnings else t("cli.validate.ok", file=path))
                for line in summary_lines(result.valid_pack, t):
                    print(line)
        else:
            failed += 1
            print(t("cli.validate.failed", file=path, errors=len(result.errors)), file=sys.stderr)
    return 1 if failed else 0


def load_or_explain(path: str, t: Translator = ENGLISH) -> LoadResult:
    """Load a pack for a command that needs a valid one; print its problems if it is not."""
    if not Path(path).is_file():
        raise UserError(t("cli.no_such_pack", file=path))
    result = load_pack(path)
    if not result.ok:
        print_problems(result, t)
        raise UserError(t("cli.pack_has_errors", file=path, errors=len(result.errors)))
    return result


def _info(args: argparse.Namespace) -> int:
    t = words(args)
    result = load_or_explain(args.pack, t)
    for line in summary_lines(result.valid_pack, t):
        print(line)
    return 0


def _schema(args: argparse.Namespace) -> int:
    t = words(args)
    text = pack_json_schema_text()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(t("cli.cannot_write", file=args.output, reason=os_reason(exc, t))) from None
    else:
        sys.stdout.write(text)
    return 0


def write_pack(pack: ScenarioPack, target: Path, t: Translator = ENGLISH) -> LoadResult:
    """Write `pack` as YAML to `target` and print what loading that very text finds (with the
    target's lines), so what a planner is told matches the file they open."""
    text = pack_to_yaml(pack)
    check = load_pack_text(text, file=str(target))
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(t("cli.cannot_write", file=target, reason=os_reason(exc, t))) from None
    for problem in check.problems:
        print(problem_text(problem, t))
    return check
