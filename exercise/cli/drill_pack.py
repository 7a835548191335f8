"""`exercise drill PACK`: a scripted session on any pack, so a planner sees the report and the
communications annex before the day. Every agency has its own table; each table acknowledges
what reaches it, answers decisions by a chosen policy and makes the contacts the MSEL expects,
trying the link's channels in priority order when one fails. Only the public commands of
conduct/play.py and conduct/facilitation.py are used, as the app uses them."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from exercise.cli.errors import UserError
from exercise.cli.language import words
from exercise.cli.pack import load_or_explain
from exercise.conduct import facilitation, play
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.reading import parse_pack, session_record, session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import create_session, default_tables, join
from exercise.i18n import Translator
from exercise.scenario.models import Inject, ScenarioPack

SPEED = 60.0  # scenario minutes per wall minute; every command gets its own wall time
STEP = 5  # scenario minutes between the tables' turns
POLICIES = ("first", "last", "random")


@dataclass
class DrillLog:
    session_id: str = ""
    acknowledged: int = 0
    decisions: list[tuple[str, str, str]] = field(default_factory=list)  # agency, option, inject
    sent: int = 0
    failed: list[tuple[str, str, str, str]] = field(default_factory=list)  # from, to, channel, inject
    # the store's own words, or (from, to, inject) of a contact no channel could carry
    refused: list[ConductError | tuple[str, str, str]] = field(default_factory=list)


def play_pack(store: Any, pack_text: str, session_id: str, t0: datetime, *,
              policy: str = "first", seed: int = 1) -> DrillLog:
    pack = parse_pack(pack_text)
    log = DrillLog(session_id)
    chooser = _policy(policy, seed)

    def wall(minute: float) -> datetime:
        return t0 + timedelta(minutes=(minute - first) / SPEED)

    first = min([0, *(i.time for i in pack.injects)])
    tables = default_tables(pack)
    codes = create_session(store, pack_text, tables=tables, now=t0, session_id=session_id)
    token = {agency: codes.tables[t.label.strip()] for t in tables for agency in t.agencies}
    facilitation.start_clock(store, codes.facilitator, speed=SPEED, at=first, now=wall(first))
    for code in codes.tables.values():
        join(store, code, now=wall(first))
    end = max(pack.last_time(), first) + 60
    contacted: set[tuple[str, str, str]] = set()
    minute = first
    while minute <= end:
        tick(store, session_id, wall(minute))
        state = session_state(store, session_id)
        for agency, items in state.inbox.items():
            for item in list(items.values()):
                _play_item(store, pack, token[agency], agency, item, wall(minute), log, chooser,
                           contacted)
        minute += STEP
    facilitation.end_session(store, codes.facilitator, now=wall(end))
    return log


def _play_item(store: Any, pack: ScenarioPack, code: str, agency: str, item: Any, now: datetime,
               log: DrillLog, chooser: Callable[[list[str]], str],
               contacted: set[tuple[str, str, str]]) -> None:
    inject = _inject(pack, item.inject_id)
    if not item.acknowledged:
        if _try(log, lambda: play.acknowledge(store, code, agency, item.inject_id, now=now)):
            log.acknowledged += 1
    if inject is None:
        return
    if inject.options and item.decision is None:
        option = chooser([o.id for o in inject.options])
        if _try(log, lambda: play.decide(store, code, agency, inject.id, option,
                                         "chosen by the drill policy", now=now)):
            log.decisions.append((agency, option, inject.id))
    for contact in inject.expected_contacts:
        key = (inject.id, contact.from_, contact.to)
        if contact.from_ != agency or key in contacted:
            continue
        contacted.add(key)
        _contact(store, pack, code, contact.from_, contact.to, inject.id, now, log)


def _contact(store: Any, pack: ScenarioPack, code: str, sender: str, receiver: str,
             inject_id: str, now: datetime, log: DrillLog) -> None:
    """The expected contact through the link's channels in priority order, falling back when
    one fails, as a table would."""
    for channel in _channels_between(pack, sender, receiver):
        events = _try(log, partial(play.send_message, store, code, sender, receiver, channel,
                                   f"About {inject_id}", inject_id=inject_id, now=now))
        if not events:
            continue
        log.sent += 1
        if len(events) == 1:  # no message_failed: on its way
            return
        log.failed.append((sender, receiver, channel, inject_id))
    if not _channels_between(pack, sender, receiver):
        log.refused.append((sender, receiver, inject_id))


def _channels_between(pack: ScenarioPack, sender: str, receiver: str) -> list[str]:
    theirs = set(pack.channels_usable_by(receiver))
    planned = [c for link in pack.links if {link.from_, link.to} == {sender, receiver}
               for c in link.channels]
    ordered = list(dict.fromkeys(planned + pack.channels_usable_by(sender)))
    return [c for c in ordered if c in theirs]


def _inject(pack: ScenarioPack, inject_id: str) -> Inject | None:
    return next((i for i in pack.injects if i.id == inject_id), None)


def _try(log: DrillLog, action: Callable[[], Any]) -> Any:
    try:
        return action() or True
    except ConductError as exc:
        log.refused.append(exc)
        return None


def _policy(name: str, seed: int) -> Callable[[list[str]], str]:
    if name == "last":
        return lambda options: options[-1]
    if name == "random":
        generator = random.Random(seed)
        return generator.choice
    return lambda options: options[0]


def write_report(store: Any, session_id: str, folder: Path, lang: str) -> list[Path]:
    """The after-action report (with its communications annex) as HTML and Markdown."""
    from exercise.report.export import ReportSource, render

    source = ReportSource(session_record(store, session_id), store.events(session_id),
                          session_state(store, session_id))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in ("html", "md"):
        rendered = render(source, fmt, lang)
        target = folder / rendered.filename
        target.write_bytes(rendered.data)
        written.append(target)
    return written


def summary_lines(log: DrillLog, t: Translator | None = None) -> list[str]:
    t = t or words(None)
    lines = [t("cli.drill.summary", session=log.session_id, acknowledged=log.acknowledged,
               decisions=len(log.decisions), sent=log.sent, failed=len(log.failed))]
    lines += [t("cli.drill.decided", agency=a, option=t("cli.quoted", text=o), inject=i)
              for a, o, i in log.decisions]
    lines += [t("cli.drill.failed_on_the_way", sender=a, receiver=b, channel=c, inject=i)
              for a, b, c, i in log.failed]
    refused = [refusal(r, t) if isinstance(r, ConductError)
               else t("cli.drill.no_channel", sender=r[0], receiver=r[1], inject=r[2])
               for r in log.refused]
    lines += [t("cli.drill.refused", reason=r) for r in dict.fromkeys(refused)]
    return lines


def drill_pack_command(args: Any) -> int:
    import secrets

    from exercise.conduct.clock import wall_now
    from exercise.store import StoreUnavailable, open_store

    t = words(args)
    loaded = load_or_explain(args.pack, t)
    pack_text = loaded.text
    try:
        Path(args.data_dir).mkdir(parents=True, exist_ok=True)
        store: Any = open_store(args.database, Path(args.data_dir))
    except (StoreUnavailable, OSError, ValueError) as exc:
        raise UserError(str(exc)) from None
    session_id = f"drill-{loaded.valid_pack.metadata.id[:30]}-{secrets.token_hex(3)}"
    folder = Path(args.output or f"{Path(args.pack).stem}-drill")
    try:
        log = play_pack(store, pack_text, session_id, wall_now(), policy=args.decide)
        written = write_report(store, session_id, folder, args.lang)
    except (ConductError, StoreUnavailable) as exc:
        print(t("cli.drill.failed", message=refusal(exc, t)))
        return 1
    finally:
        store.close()
    for line in summary_lines(log, t):
        print(line)
    for path in written:
        print(t("cli.wrote", file=path))
    print(t("cli.drill.pack_kept", session=session_id))
    return 0
