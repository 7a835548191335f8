"""A scripted session of the example pack with known events, for report tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_record, session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import create_session
from exercise.report.export import ReportSource
from tests.conduct.conftest import EXAMPLE, T0, TABLES, wall


@dataclass
class Played:
    source: ReportSource
    debrief_code: str


def play_session() -> Played:
    """County acknowledges the warning after 4 minutes and phones the township; the township
    decides after 10 minutes, never acknowledges the shelter request, and its mobile call to
    the village fails once the batteries are flat; the radio repeater's batteries run out
    three days later; an evaluator rates and observes; two participants give feedback; the
    hot wash notes one area for improvement."""
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES, now=T0)
    sid, fac = codes.session_id, codes.facilitator
    county, township, village = (codes.tables[k] for k in ("County", "Township", "Village"))
    evaluator = next(iter(codes.evaluators.values()))
    facilitation.start_clock(store, fac, speed=10, now=wall(0))
    tick(store, sid, wall(12))
    play.acknowledge(store, county, "county-eoc", "I-01", now=wall(14))
    play.send_message(store, county, "county-eoc", "township-eoc", "phone", "Level 1 now", "I-01",
                      now=wall(15))
    tick(store, sid, wall(31))
    play.decide(store, township, "township-eoc", "I-02", "evacuate", "slope is moving", now=wall(40))
    tick(store, sid, wall(400))  # I-04 .. I-07 fall due; mobile in the upper valley dies at 360
    play.send_message(store, township, "township-eoc", "upper-village", "mobile-phone",
                      "Is everyone out?", now=wall(400))
    play.send_message(store, township, "township-eoc", "upper-village", "radio",
                      "Is everyone out? (radio)", now=wall(401))
    tick(store, sid, wall(410))
    evaluation.record_observation(store, evaluator, "strength", "Radio fallback within minutes",
                                  objective="OBJ-2", agency="township-eoc", now=wall(411))
    evaluation.record_observation(store, evaluator, "area_for_improvement",
                                  "Shelter figures never reported", critical_task="CT-1.2",
                                  agency="township-eoc", now=wall(412))
    evaluation.record_rating(store, evaluator, "OBJ-1", "Public Information and Warning", "S",
                             "Order given, shelter report missing", now=wall(413))
    facilitation.jump_to_time(store, fac, "T+80:00", now=wall(414))
    evaluation.submit_feedback(store, village, {"ratings": {"structured": 4, "plausible": 5},
                                                "strengths": ["Realistic radio drill"]},
                               agency="upper-village", now=wall(420))
    evaluation.submit_feedback(store, county, {"ratings": {"structured": 2}}, agency="county-eoc",
                               now=wall(421))
    evaluation.note_hotwash(store, evaluator, "area_for_improvement", "Shelter counts came late",
                            agency="township-eoc", now=wall(425))
    facilitation.end_session(store, fac, now=wall(430))
    source = ReportSource(session_record(store, sid), store.events(sid), session_state(store, sid))
    return Played(source, codes.debrief)


@pytest.fixture(scope="module")
def played() -> Played:
    return play_session()
