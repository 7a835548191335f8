"""`exercise rehearse` (a dry run of a pack) and `exercise session list|export|import|replay`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from exercise.cli.errors import UserError
from exercise.cli.network import inject_bite_lines
from exercise.cli.pack import load_or_explain
from exercise.conduct.errors import ConductError
from exercise.conduct.rehearsal import RESPONSES, Rehearsal, rehearse
from exercise.conduct.state import ExerciseState
from exercise.i18n import translator
from exercise.scenario.models import InfrastructureEffect
from exercise.scenario.text import localize
from exercise.ui.clock_words import time_text


def register(subparsers: argparse._SubParsersAction) -> None:
    dry = subparsers.add_parser(
        "rehearse", help="dry-run a pack: the inject schedule, conditions and reachability",
        description="Play a pack on a simulated clock with tables that answer every inject, and "
                    "print when each inject is released and whom each failure cuts off.")
    dry.add_argument("pack", metavar="PACK")
    dry.add_argument("--choose", action="append", default=[], metavar="INJECT=OPTION",
                     help="the option chosen for a decision inject (default: its first option)")
    dry.add_argument("--response", choices=RESPONSES, default="responsive",
                     help="tables that answer everything, only decide, or stay silent")
    dry.add_argument("--from", dest="coordinator", metavar="AGENCY",
                     help="reachability from this agency (default: the hub of the contact plan)")
    dry.add_argument("--lang", default="en", choices=["en", "zh-TW"])
    dry.set_defaults(handler=_rehearse)

    session = subparsers.add_parser("session", help="list, export, import or replay exercise sessions")
    commands = session.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="list the exercise sessions in the store")
    _store_options(listing)
    listing.set_defaults(handler=_list)
    export = commands.add_parser("export", help="write a session as JSON Lines")
    export.add_argument("session_id", metavar="SESSION")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    _store_options(export)
    export.set_defaults(handler=_export)
    load = commands.add_parser("import", help="store a session exported as JSON Lines")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--as", dest="new_id", metavar="SESSION", help="store it under this id")
    _store_options(load)
    load.set_defaults(handler=_import)
    again = commands.add_parser("replay", help="fold an export and print the state it gives")
    again.add_argument("file", metavar="FILE")
    again.set_defaults(handler=_replay)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL",
                        help="database URL (default: EXERCISE_DATABASE_URL, else SQLite in --data-dir)")
    parser.add_argument("--data-dir", default="data", help="where the embedded store lives")


def _user_error(message: str) -> Exception:
    return UserError(message)


def _open_store(args: argparse.Namespace) -> Any:
    from exercise.store.engine import StoreUnavailable
    from exercise.store.sql_store import open_store

    data_dir = Path(args.data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return open_store(args.database, data_dir)
    except (StoreUnavailable, OSError, ValueError) as exc:
        raise _user_error(str(exc)) from None


def _choices(raw: list[str]) -> dict[str, str]:
    choices = {}
    for item in raw:
        inject, sep, option = item.partition("=")
        if not sep or not inject.strip() or not option.strip():
            raise _user_error(f"--choose {item!r}: write INJECT=OPTION, e.g. --choose I-02=wait")
        choices[inject.strip()] = option.strip()
    return choices


def _rehearse(args: argparse.Namespace) -> int:
    result = load_or_explain(args.pack)
    pack = result.valid_pack
    choices = _choices(args.choose)
    for inject_id, option in choices.items():
        try:
            options = [o.id for o in pack.inject(inject_id).options]
        except KeyError:
            raise _user_error(f"--choose: the pack has no inject {inject_id!r}") from None
        if option not in options:
            raise _user_error(f"--choose: {inject_id} has the options {', '.join(options) or 'none'}, not {option!r}")
    if args.coordinator and args.coordinator not in {a.id for a in pack.agencies}:
        raise _user_error(f"--from: the pack has no agency {args.coordinator!r}")
    try:
        rehearsal = rehearse(result.text, choices, args.response, args.coordinator, args.lang)
    except ConductError as exc:
        raise _user_error(str(exc)) from None
    for line in rehearsal_lines(rehearsal, args.lang):
        print(line)
    return 0


def rehearsal_lines(rehearsal: Rehearsal, lang: str = "en") -> list[str]:
    pack = rehearsal.pack
    chosen = ", ".join(f"{k}={v}" for k, v in rehearsal.choices.items()) or "first option of each decision"
    out = [f"{localize(pack.metadata.title, lang)} — rehearsal ({rehearsal.response} tables; {chosen})"]
    if rehearsal.coordinator:
        out.append(f"reachability from {rehearsal.coordinator}")
    t = translator(lang)
    whens = [time_text(line.released_at, pack, t) if line.released_at is not None else "not released"
             for line in rehearsal.lines]
    width = max((len(when) for when in whens), default=13)
    indent = width + 2
    for line, when in zip(rehearsal.lines, whens, strict=True):
        inject = line.inject
        late = (f" (planned {time_text(inject.time, pack, t)})"
                if line.released_at is not None and int(line.released_at) != inject.time else "")
        out.append(f"{when:>{width}}{late}  {inject.id}  {localize(inject.title, lang)}  "
                   f"[{inject.from_} -> {', '.join(inject.to)}]")
        for condition in line.conditions:
            out.append(f"{'':{indent}}if {condition}")
        for effect in inject.effects:
            what = getattr(effect, "system", None) or getattr(effect, "agency", "")
            where = f" in {effect.area}" if isinstance(effect, InfrastructureEffect) and effect.area else ""
            out.append(f"{'':{indent}}effect: {what}{where} {effect.status.value}")
        if line.bite is not None:
            out.extend(f"{'':{indent}}{text}" for text in inject_bite_lines(pack, line.bite, lang))
    released = sum(1 for line in rehearsal.lines if line.released_at is not None)
    out.append(f"{released} of {len(rehearsal.lines)} injects released on this path")
    return out


def _list(args: argparse.Namespace) -> int:
    store = _open_store(args)
    for record in store.sessions():
        state = "closed" if record.closed else "open"
        print(f"{record.session_id}  {record.created_at:%Y-%m-%d %H:%M}  {state}  {record.name}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import export_lines

    store = _open_store(args)
    try:
        lines = list(export_lines(store, args.session_id))
    except ConductError as exc:
        raise _user_error(str(exc)) from None
    text = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(lines) - 1} events of {args.session_id} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _read(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _user_error(f"cannot read {path}: {exc}") from None


def _import(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import import_lines

    lines = _read(args.file)
    store = _open_store(args)
    try:
        codes = import_lines(store, lines, session_id=args.new_id, source=args.file)
    except ConductError as exc:
        raise _user_error(str(exc)) from None
    print(f"imported {codes['session_id']}")
    print(f"facilitator code: {codes['facilitator']}")
    print(f"debrief code:     {codes['debrief']}")
    return 0


def _replay(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import replay

    try:
        state = replay(_read(args.file), source=args.file)
    except ConductError as exc:
        raise _user_error(str(exc)) from None
    for line in state_lines(state):
        print(line)
    return 0


def state_lines(state: ExerciseState) -> list[str]:
    clock, pack, t = state.clock, state.pack, translator("en")
    out = [f"{state.name} ({state.session_id}): {len(state.releases)} injects released, "
           f"{state.seq} events{', ended' if state.ended else ''}",
           f"clock {clock.mode} at {time_text(clock.anchor_minute, pack, t)}, speed {clock.speed:g}"]
    for release in state.releases.values():
        out.append(f"  {time_text(release.scenario_minute, pack, t)} released {release.inject_id} ({release.mode})")
    for message in state.messages.values():
        detail = f": {message.failure}" if message.failure else ""
        out.append(f"  {time_text(message.scenario_minute, pack, t)} message {message.sender} -> "
                   f"{message.receiver} by {message.channel}: {message.status}{detail}")
    out.append(f"{len(state.contacts)} contacts, {len(state.observations)} observations, "
               f"{len(state.ratings)} ratings, {len(state.feedback)} feedback forms")
    return out
