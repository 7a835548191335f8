"""`exercise new`: start a pack that validates, with the standard channel catalogue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import words
from exercise.cli.pack import write_pack
from exercise.scenario.newpack import (
    NewPack,
    NewPackError,
    new_pack,
    read_hazard,
    read_languages,
    read_start,
)

# Each answer: its option, and its default (None: needed; "": may be left blank).
_QUESTIONS = (("title", None), ("hazard", None), ("place", None), ("languages", "en"), ("start", ""))


def register(subparsers: argparse._SubParsersAction) -> None:
    new = subparsers.add_parser(
        "new", help="start a new scenario pack (asks in a terminal, or takes flags)",
        description="Write a new pack that validates: the place as its area, the place's EOC, one "
        "module, and the standard channel catalogue (landline, mobile, SMS, radio, satellite "
        "phone, email, messaging app, fax, video conference, liaison officer, in person, cell "
        "broadcast, siren, EMIC) with the infrastructure each depends on.")
    new.add_argument("--title")
    new.add_argument("--hazard", help="typhoon, earthquake, flood, landslide, … or 颱風, 地震…")
    new.add_argument("--place", help="the county, city or township of the exercise")
    new.add_argument("--language", action="append", dest="languages", metavar="LANG",
                     help="en or zh-TW; repeat for both")
    new.add_argument("--start", metavar="DATE_TIME", help="what T+00:00 stands for, "
                     "e.g. '2026-08-14 06:00'")
    new.add_argument("--duration", type=int, default=180, metavar="MINUTES",
                     help="planned minutes of play (default 180)")
    new.add_argument("--output", "-o", metavar="PACK", help="the file to write "
                     "(default: the title as a file name)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(handler=_new)


def _new(args: argparse.Namespace, ask: Callable[[str], str] | None = None) -> int:
    t = words(args)
    interactive = ask is not None or sys.stdin.isatty()
    ask = ask or input
    answers: dict[str, object] = {}
    for name, default in _QUESTIONS:
        given = getattr(args, name)
        if given is None and interactive:
            given = _ask_until_valid(ask, name, t(f"cli.new.ask.{name}"), default)
        if given is None and default is None:
            raise UserError(t("cli.new.needed", option=f"--{name}"))
        answers[name] = given if given is not None else default
    languages = answers["languages"]
    try:
        pack = new_pack(NewPack(
            title=str(answers["title"]), hazard=str(answers["hazard"]), place=str(answers["place"]),
            languages=languages if isinstance(languages, list) else [str(languages)],
            start=str(answers["start"] or "") or None, duration=args.duration))
    except NewPackError as exc:
        raise UserError(str(exc)) from None
    target = Path(args.output or f"{pack.metadata.id}.yaml")
    if target.exists() and not args.force:
        raise UserError(t("cli.new.exists", file=target))
    check = write_pack(pack, target, t)
    print(t("cli.new.wrote", file=target, channels=len(pack.channels), systems=len(pack.infrastructure)))
    print(t("cli.new.next", file=target))
    return 0 if check.ok else 1


def _ask_until_valid(ask: Callable[[str], str], name: str, question: str,
                     default: str | None) -> object:
    check: dict[str, Callable[[str], object]] = {
        "hazard": read_hazard, "start": read_start,
        "languages": lambda text: read_languages([text]),
    }
    while True:
        suffix = f" [{default}]" if default else ""
        try:
            text = ask(f"{question}{suffix}: ").strip()
        except EOFError:
            return None
        if not text and default == "":
            return ""  # optional, left blank
        if not text and default is not None:
            text = default
        if not text:
            continue
        try:
            value = check[name](text) if name in check else text
        except NewPackError as exc:
            print(exc)
            continue
        return value if name == "languages" else text
