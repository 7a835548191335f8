"""`exercise rehearse` (a dry run of a pack) and `exercise session list|export|import|replay`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from exercise.cli.errors import UserError
from exercise.cli.language import code_word, display_width, language_option, listed, os_reason, rjust, words
from exercise.cli.network import inject_bite_lines
from exercise.cli.pack import load_or_explain
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.messaging import failure_reason
from exercise.conduct.rehearsal import RESPONSES, Rehearsal, rehearse
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator, translator
from exercise.network.phrases import status_word
from exercise.scenario.models import (
    AfterInject,
    DecisionChosen,
    InfrastructureEffect,
    NoContact,
    ScenarioPack,
)
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
    language_option(dry)
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


def quoted(t: Translator, text: object) -> str:
    """Text the user typed, quoted as the language quotes it."""
    return t("cli.quoted", text=text)


def _open_store(args: argparse.Namespace) -> Any:
    from exercise.store.engine import StoreUnavailable
    from exercise.store.sql_store import open_store

    data_dir = Path(args.data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return open_store(args.database, data_dir)
    except (StoreUnavailable, OSError, ValueError) as exc:
        raise _user_error(str(exc)) from None


def _choices(raw: list[str], t: Translator) -> dict[str, str]:
    choices = {}
    for item in raw:
        inject, sep, option = item.partition("=")
        if not sep or not inject.strip() or not option.strip():
            raise _user_error(t("cli.rehearse.choose_form", item=quoted(t, item)))
        choices[inject.strip()] = option.strip()
    return choices


def _rehearse(args: argparse.Namespace) -> int:
    t = words(args)
    result = load_or_explain(args.pack, t)
    pack = result.valid_pack
    choices = _choices(args.choose, t)
    for inject_id, option in choices.items():
        try:
            options = [o.id for o in pack.inject(inject_id).options]
        except KeyError:
            raise _user_error(t("cli.rehearse.no_inject", inject=quoted(t, inject_id))) from None
        if option not in options:
            raise _user_error(t("cli.rehearse.not_an_option", inject=inject_id,
                                options=listed(options, t) or t("cli.none"),
                                option=quoted(t, option)))
    if args.coordinator and args.coordinator not in {a.id for a in pack.agencies}:
        raise _user_error(t("cli.rehearse.no_agency", agency=quoted(t, args.coordinator)))
    try:
        rehearsal = rehearse(result.text, choices, args.response, args.coordinator, args.lang)
    except ConductError as exc:
        raise _user_error(refusal(exc, words(args))) from None
    for line in rehearsal_lines(rehearsal, args.lang):
        print(line)
    return 0


def rehearsal_lines(rehearsal: Rehearsal, lang: str = "en") -> list[str]:
    pack = rehearsal.pack
    t = translator(lang)
    chosen = (listed((f"{k}={v}" for k, v in rehearsal.choices.items()), t)
              or t("cli.rehearse.first_options"))
    out = [t("cli.rehearse.title", title=localize(pack.metadata.title, lang),
             response=t(f"cli.rehearse.response.{rehearsal.response}"), chosen=chosen)]
    if rehearsal.coordinator:
        out.append(t("cli.rehearse.reach_from", agency=rehearsal.coordinator))
    whens = [time_text(line.released_at, pack, t) if line.released_at is not None
             else t("cli.rehearse.not_released") for line in rehearsal.lines]
    width = max((display_width(when) for when in whens), default=13)
    indent = width + 2
    for line, when in zip(rehearsal.lines, whens, strict=True):
        inject = line.inject
        late = (t("cli.rehearse.planned", time=time_text(inject.time, pack, t))
                if line.released_at is not None and int(line.released_at) != inject.time else "")
        out.append(f"{rjust(when, width)}{late}  {inject.id}  {localize(inject.title, lang)}  "
                   f"[{inject.from_} -> {', '.join(inject.to)}]")
        for condition in inject.conditions:
            out.append(f"{'':{indent}}" + t("cli.rehearse.if", condition=condition_words(condition, pack, t)))
        for effect in inject.effects:
            what = getattr(effect, "system", None) or getattr(effect, "agency", "")
            where = (t("cli.rehearse.in_area", area=effect.area)
                     if isinstance(effect, InfrastructureEffect) and effect.area else "")
            status = effect.status.value if t.lang == "en" else status_word(effect.status, lang)
            out.append(f"{'':{indent}}" + t("cli.rehearse.effect", what=what, where=where, status=status))
        if line.bite is not None:
            out.extend(f"{'':{indent}}{text}" for text in inject_bite_lines(pack, line.bite, lang))
    released = sum(1 for line in rehearsal.lines if line.released_at is not None)
    out.append(t("cli.rehearse.released", released=released, total=len(rehearsal.lines)))
    return out


def condition_words(condition: object, pack: ScenarioPack, t: Translator) -> str:
    """A release condition in words; times as the app shows them (Day 1 12:45 (T+06:45))."""
    if isinstance(condition, AfterInject):
        return (t("cli.condition.after_delay", delay=condition.delay, inject=condition.after)
                if condition.delay else t("cli.condition.after", inject=condition.after))
    if isinstance(condition, DecisionChosen):
        option = quoted(t, condition.option)
        return (t("cli.condition.chosen_by", option=option, inject=condition.decision, agency=condition.by)
                if condition.by else t("cli.condition.chosen", option=option, inject=condition.decision))
    if isinstance(condition, NoContact):
        a, b = condition.no_contact
        return t("cli.condition.no_contact", a=a, b=b, time=time_text(condition.by, pack, t))
    inject, agency = getattr(condition, "no_ack", ""), getattr(condition, "agency", None)
    time = time_text(getattr(condition, "by", 0), pack, t)
    return (t("cli.condition.no_ack_by", inject=inject, agency=agency, time=time) if agency
            else t("cli.condition.no_ack", inject=inject, time=time))


def _list(args: argparse.Namespace) -> int:
    t = words(args)
    store = _open_store(args)
    for record in store.sessions():
        state = t("cli.session.closed") if record.closed else t("cli.session.open")
        print(f"{record.session_id}  {record.created_at:%Y-%m-%d %H:%M}  {state}  {record.name}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import export_lines

    store = _open_store(args)
    try:
        lines = list(export_lines(store, args.session_id))
    except ConductError as exc:
        raise _user_error(refusal(exc, words(args))) from None
    text = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(words(args)("cli.session.wrote", events=len(lines) - 1, session=args.session_id,
                          file=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _read(path: str, t: Translator) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc if t.lang == "en" else os_reason(exc, t)  # English: the whole system message
        raise _user_error(t("cli.cannot_read", file=path, reason=reason)) from None


def _import(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import import_lines

    t = words(args)
    lines = _read(args.file, t)
    store = _open_store(args)
    try:
        codes = import_lines(store, lines, session_id=args.new_id, source=args.file)
    except ConductError as exc:
        raise _user_error(refusal(exc, words(args))) from None
    print(t("cli.session.imported", session=codes["session_id"]))
    print(t("cli.session.facilitator_code", code=codes["facilitator"]))
    print(t("cli.session.debrief_code", code=codes["debrief"]))
    return 0


def _replay(args: argparse.Namespace) -> int:
    from exercise.conduct.transfer import replay

    t = words(args)
    try:
        state = replay(_read(args.file, t), source=args.file)
    except ConductError as exc:
        raise _user_error(refusal(exc, words(args))) from None
    for line in state_lines(state, t):
        print(line)
    return 0


def state_lines(state: ExerciseState, t: Translator | None = None) -> list[str]:
    clock, pack, t = state.clock, state.pack, t or translator("en")
    out = [t("cli.replay.session", name=state.name, session=state.session_id,
             releases=len(state.releases), events=state.seq,
             ended=t("cli.replay.ended") if state.ended else ""),
           t("cli.replay.clock", mode=code_word(t, "cli.clock", clock.mode.replace(" ", "_"))
             if t.lang != "en" else clock.mode,
             time=time_text(clock.anchor_minute, pack, t), speed=f"{clock.speed:g}")]
    for release in state.releases.values():
        out.append(t("cli.replay.released", time=time_text(release.scenario_minute, pack, t),
                     inject=release.inject_id, mode=code_word(t, "cli.release", release.mode)))
    for message in state.messages.values():
        failure = failure_reason(state.world, message, t.lang)
        detail = t("cli.replay.detail", failure=failure) if failure else ""
        out.append(t("cli.replay.message", time=time_text(message.scenario_minute, pack, t),
                     sender=message.sender, receiver=message.receiver, channel=message.channel,
                     status=code_word(t, "cli.message", message.status), detail=detail))
    out.append(t("cli.replay.counts", contacts=len(state.contacts),
                 observations=len(state.observations), ratings=len(state.ratings),
                 feedback=len(state.feedback)))
    return out
