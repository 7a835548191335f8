"""`exercise drill`: check a store end to end before the day. Plays a scripted exercise on the
typhoon example — the facilitator and three tables, every kind of event, a power cut that
makes a mobile call fail and a contingency inject fired by inaction — through the same commands
the app uses, then checks that the stored log folds, exports and replays to the same state."""

from __future__ import annotations

import argparse
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import language_option, os_reason, words
from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.clock import wall_now
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.event_types import InjectReleased, ResourceRequested
from exercise.conduct.events import EventKind
from exercise.conduct.messaging import failure_reason
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import pinned_pack, session_record, session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session, join
from exercise.conduct.state import fold
from exercise.conduct.transfer import export_lines, replay
from exercise.i18n import Translator, translator
from exercise.scenario.shipped import example_pack
from exercise.scenario.timecode import format_time

EXAMPLE = example_pack()
SPEED = 10.0
TABLES = [
    TableSpec("County", ("county-eoc", "fire-bureau", "relief-zone")),
    TableSpec("Township", ("township-eoc",)),
    TableSpec("Village", ("upper-village", "red-cross", "telecom")),
]


def play_drill(store: EventStore, pack_text: str, session_id: str, t0: datetime) -> JoinCodes:
    """Every kind of event, in the order a real morning would produce them; the clock starts
    at wall time `t0` and every command runs at the wall time its scenario minute needs."""

    def wall(minute: float) -> datetime:
        return t0 + timedelta(minutes=minute / SPEED)

    codes = create_session(store, pack_text, tables=TABLES, now=t0, session_id=session_id)
    sid, fac = codes.session_id, codes.facilitator
    county, township, village = (codes.tables[t.label] for t in TABLES)
    evaluator = next(iter(codes.evaluators.values()))

    facilitation.start_clock(store, fac, speed=SPEED, now=wall(0))
    for code in (county, township, village):
        join(store, code, now=wall(1))
    tick(store, sid, wall(12))  # I-01, scheduled
    play.acknowledge(store, county, "county-eoc", "I-01", now=wall(12))
    play.log_action(store, county, "county-eoc", "Raised the EOC to level 1", "I-01", now=wall(13))
    play.send_message(store, county, "county-eoc", "township-eoc", "phone", "Level 1, stand by",
                      now=wall(13))
    tick(store, sid, wall(31))  # the call is delivered, I-02 released
    play.decide(store, township, "township-eoc", "I-02", "wait", "forecast first", now=wall(32))
    tick(store, sid, wall(46))  # I-03 follows the decision to wait
    facilitation.hold(store, fac, "I-04", "room is still discussing", now=wall(50))
    facilitation.release_now(store, fac, "I-04", now=wall(70))
    facilitation.skip(store, fac, "I-05", "answered in the room", now=wall(71))
    facilitation.pause(store, fac, now=wall(101))
    facilitation.resume(store, fac, now=wall(400))
    facilitation.set_speed(store, fac, 20, now=wall(410))
    kits = play.request_resource(store, township, "township-eoc", "red-cross", "relief-kit", 100,
                                 "for the shelter", now=wall(410))
    requested = kits[0].data
    assert isinstance(requested, ResourceRequested)
    play.answer_request(store, village, requested.request_id, 60,
                        "the rest is stored in the north", now=wall(411))
    play.request_resource(store, county, "county-eoc", "relief-zone", "helicopter", 2,
                          now=wall(412))  # more than the holder has: refused at once
    facilitation.jump_to_module(store, fac, "M2", now=wall(420))  # I-06: power lost
    facilitation.set_paced(store, fac, True, now=wall(420))
    facilitation.advance(store, fac, 20, now=wall(500))  # I-07: road blocked
    facilitation.set_release_mode(store, fac, "manual", now=wall(500))
    facilitation.jump_to_time(store, fac, "T+06:35", now=wall(501))
    facilitation.release_now(store, fac, "I-08", now=wall(503))
    facilitation.set_release_mode(store, fac, "auto", now=wall(503))
    facilitation.set_player_clock(store, fac, "time_of_day", now=wall(503))
    play.send_message(store, township, "township-eoc", "upper-village", "mobile-phone",
                      "Are you still there?", now=wall(504))  # fails: batteries ran out
    facilitation.advance(store, fac, 30, now=wall(505))  # I-09: nobody reached the village
    play.send_message(store, township, "township-eoc", "upper-village", "radio", "Reply by radio",
                      now=wall(506))
    facilitation.advance(store, fac, 10, now=wall(507))  # the radio call is delivered
    adhoc = facilitation.adhoc_inject(store, fac, title="Shelter overflow",
                                      message="The school shelter is full.", to=["red-cross"],
                                      sender="residents", now=wall(508))
    released = adhoc.data
    assert isinstance(released, InjectReleased)
    play.acknowledge(store, village, "red-cross", released.inject_id, now=wall(508))
    evaluation.record_observation(store, evaluator, "strength", "Switched to radio at once",
                                  critical_task="CT-2.1", agency="township-eoc", now=wall(509))
    evaluation.record_rating(store, evaluator, "OBJ-2", "Operational Communications", "S",
                             "Radio used, but only after a failed call", now=wall(509))
    facilitation.end_session(store, fac, now=wall(510))
    evaluation.note_hotwash(store, fac, "area_for_improvement", "Nobody called the village early",
                            now=wall(512))
    evaluation.submit_feedback(store, township, {"strengths": ["radio"],
                                                 "ratings": {"plausible": 5}},
                               respondent="Ms Lin", agency="township-eoc", now=wall(513))
    evaluation.save_improvement_item(
        store, evaluator, core_capability="Operational Communications",
        issue="Village reached late", corrective_action="Radio roll call every hour",
        capability_element="Planning", responsible_organization="township-eoc",
        objective="OBJ-2", now=wall(514))
    facilitation.close_session(store, fac, now=wall(515))
    return codes


def check_drill(store: EventStore, session_id: str, t: Translator | None = None) -> list[str]:
    """What the drill shows, line by line; `DrillFailed` says what the store got wrong."""
    t = t or translator("en")
    state = session_state(store, session_id)
    events = store.events(session_id)
    missing = {k.value for k in EventKind} - {e.kind.value for e in events}
    if missing:
        raise DrillFailed(t("cli.drill.lacks", kinds=", ".join(sorted(missing))))
    if [e.seq for e in events] != list(range(1, len(events) + 1)):
        raise DrillFailed(t("cli.drill.gaps"))
    if fold(pinned_pack(session_record(store, session_id)), events).snapshot() != state.snapshot():
        raise DrillFailed(t("cli.drill.fold_differs"))
    if replay(export_lines(store, session_id)).snapshot() != state.snapshot():
        raise DrillFailed(t("cli.drill.replay_differs"))
    failed = next((m for m in state.messages.values() if m.status == "failed"), None)
    contingency = state.releases.get("I-09")
    if failed is None or contingency is None or not state.ended:
        raise DrillFailed(t("cli.drill.missing"))
    return [
        t("cli.drill.events", session=session_id, events=len(events), kinds=len(EventKind)),
        t("cli.drill.call_failed", channel=failed.channel, failure=failure_reason(state.world, failed, t.lang)),
        t("cli.drill.contingency", inject="I-09", time=format_time(int(contingency.scenario_minute))),
        t("cli.drill.same_state"),
    ]


class DrillFailed(Exception):
    """The store did not give back what the drill recorded."""


def register(subparsers: argparse._SubParsersAction) -> None:
    drill = subparsers.add_parser(
        "drill", help="play a scripted exercise on the store and check it comes back whole; "
        "with PACK, play that pack and write its report")
    drill.add_argument("pack", nargs="?", metavar="PACK",
                       help="play this pack: every table acknowledges, decides by --decide and "
                       "makes the expected contacts; writes the report to --output")
    drill.add_argument("--decide", choices=["first", "last", "random"], default="first",
                       help="which option each decision takes (with PACK)")
    drill.add_argument("--output", "-o", metavar="FOLDER",
                       help="where the report goes (with PACK; default PACK-drill)")
    language_option(drill)
    drill.add_argument("--database", metavar="URL",
                       help="database URL (default: EXERCISE_DATABASE_URL, else SQLite in --data-dir)")
    drill.add_argument("--data-dir", default="data", help="where the embedded store lives")
    drill.set_defaults(handler=_drill)


def _drill(args: argparse.Namespace) -> int:
    from exercise.store import StoreUnavailable, open_store

    t = words(args)
    if args.pack:
        from exercise.cli.drill_pack import drill_pack_command

        return drill_pack_command(args)
    try:
        pack_text = EXAMPLE.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(t("cli.drill.unreadable", file=EXAMPLE, reason=os_reason(exc, t))) from None
    try:
        Path(args.data_dir).mkdir(parents=True, exist_ok=True)
        store = open_store(args.database, Path(args.data_dir))
    except (StoreUnavailable, OSError, ValueError) as exc:
        raise UserError(str(exc)) from None
    session_id = f"drill-{secrets.token_hex(4)}"
    try:
        play_drill(store, pack_text, session_id, wall_now())
        lines = check_drill(store, session_id, t)
    except (DrillFailed, StoreUnavailable, ConductError) as exc:
        print(t("cli.drill.failed", message=refusal(exc, t)))
        return 1
    finally:
        store.close()
    for line in lines:
        print(line)
    print(t("cli.drill.kept", session=session_id))
    return 0
