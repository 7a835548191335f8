"""What the console shows, as plain functions over a real session (no Streamlit runtime):
polling releases once, the feed, alerts, the live contact picture, join links, instructor codes."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from exercise.conduct import facilitation as cmd
from exercise.conduct import play
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session
from exercise.scenario.models import AgencyEffect, Status
from exercise.ui.live import build_picture, poll, status_epoch
from exercise.ui.views.facilitator.links import (
    base_url,
    handout_html,
    is_local_only,
    join_links,
    join_url,
    qr_png,
)
from exercise.ui.views.facilitator.model import (
    current_module,
    feed,
    progress,
    silent_tables,
    unacknowledged,
)
from exercise.ui.views.instructor import codes_from, facilitator_sessions
from tests.ui.conftest import EXAMPLE

T0 = datetime(2026, 8, 14, 9, 0, tzinfo=UTC)
TABLES = [TableSpec("County", ("county-eoc", "fire-bureau", "relief-zone")),
          TableSpec("Township", ("township-eoc",)),
          TableSpec("Village", ("upper-village", "red-cross", "telecom"))]


def at(minute: float) -> datetime:
    """Wall time when a clock started at T0 at speed 10 shows scenario `minute`."""
    return T0 + timedelta(minutes=minute / 10)


@pytest.fixture
def session() -> tuple[MemoryEventStore, JoinCodes]:
    store = MemoryEventStore()
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES, now=T0)
    cmd.start_clock(store, codes.facilitator, speed=10, now=T0)
    return store, codes


def test_polling_releases_a_due_inject_once_however_often_it_runs(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    before = poll(store, codes.session_id, at(5))
    assert "I-01" not in before.state.releases and int(before.minute) == 5
    first = poll(store, codes.session_id, at(12))
    again = poll(store, codes.session_id, at(12.5))
    assert first.state.releases["I-01"].scenario_minute == 10
    released = [e for e in store.events(codes.session_id) if e.kind.value == "inject_released"]
    assert [e.payload["inject_id"] for e in released] == ["I-01"]
    assert again.state is poll(store, codes.session_id, at(12.5)).state  # no new event, same state


def test_feed_lists_what_tables_did_newest_first(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    poll(store, codes.session_id, at(12))
    play.acknowledge(store, codes.tables["County"], "county-eoc", "I-01", now=at(14))
    play.log_action(store, codes.tables["County"], "county-eoc", "<b>Level 1</b> opened", now=at(16))
    view = poll(store, codes.session_id, at(17))
    entries = feed(view.state)
    assert [e.kind for e in entries[:2]] == ["action", "acknowledged"]
    assert entries[0].detail == "<b>Level 1</b> opened" and entries[1].other == "I-01"


def test_unacknowledged_injects_and_silent_tables_raise_alerts(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    view = poll(store, codes.session_id, at(30))
    late = unacknowledged(view.state, view.minute, older_than=15)
    assert [(u.inject_id, u.agency, int(u.waited)) for u in late] == [("I-01", "county-eoc", 20)]
    assert unacknowledged(view.state, view.minute, older_than=25) == []
    play.acknowledge(store, codes.tables["County"], "county-eoc", "I-01", now=at(31))
    view = poll(store, codes.session_id, at(45))
    assert [(u.inject_id, u.agency) for u in unacknowledged(view.state, view.minute, 15)] == [
        ("I-02", "township-eoc")]  # I-01 acknowledged; I-02 (T+00:30) now waits 15 min
    quiet = {s.table: s for s in silent_tables(view.state, view.minute, quiet_for=30)}
    assert set(quiet) == {"Township", "Village"}  # County acted at T+00:31
    assert quiet["Village"].last_minute is None
    assert progress(view.state).unacknowledged["Township"] == 1  # I-02 arrived at T+00:30


def test_current_module_follows_the_clock(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    pack = poll(store, codes.session_id, at(1)).state.pack
    assert current_module(pack, 0).id == "M1"
    assert current_module(pack, 185).id == "M2"


def test_contact_picture_calls_out_agencies_the_hub_lost_and_regained(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    world = poll(store, codes.session_id, at(1)).state.world
    calm = build_picture(world, 20, "en")
    assert calm.unreachable == () and calm.hub == "county-eoc"
    cut = world.apply(AgencyEffect(agency="upper-village", status=Status.down), 40)
    assert status_epoch(cut, 50) == 40
    picture = build_picture(cut, 50, "en")
    assert picture.unreachable == ("Upper Village chief",) and picture.change_minute == 40
    assert '"upper-village"' in picture.dot and "digraph" in picture.dot
    chinese = build_picture(cut, 50, "zh-TW")
    assert chinese.unreachable and chinese.unreachable != picture.unreachable
    back = cut.apply(AgencyEffect(agency="upper-village", status=Status.up), 60)
    assert build_picture(back, 70, "en").restored == ("Upper Village chief",)


def test_join_links_qr_codes_and_the_handout(session, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _, codes = session
    monkeypatch.delenv("EXERCISE_PUBLIC_URL", raising=False)
    assert base_url("http://192.168.1.20:8501/sessions") == "http://192.168.1.20:8501"
    assert is_local_only("http://localhost:8501") and not is_local_only("http://10.0.0.5:8501")
    monkeypatch.setenv("EXERCISE_PUBLIC_URL", "https://drill.example.org/tabletop/")
    assert base_url("http://localhost:8501/sessions") == "https://drill.example.org/tabletop"
    assert join_url("http://h", "agency", "a/b+c", "zh-TW") == "http://h/desk?k=a%2Fb%2Bc&lang=zh-TW"
    links = join_links(codes, "http://h")
    assert {link.url for link in links} >= {f"http://h/desk?k={c}" for c in codes.tables.values()}
    image = Image.open(io.BytesIO(qr_png(links[0].url)))
    assert image.format == "PNG" and image.size[0] > 100
    hostile = [*links[:1], type(links[0])("agency", "<script>alert(1)</script>", "c", "http://h/desk?k=c")]
    page = handout_html("<img src=x onerror=alert(1)>", hostile, {"agency": "Table"}, "Join", "Scan")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and codes.facilitator not in page


def test_instructor_reads_codes_and_refuses_other_roles(session) -> None:  # type: ignore[no-untyped-def]
    store, codes = session
    pasted = f"http://h/facilitator?k={codes.facilitator}&lang=en\n{codes.observer}, junk"
    assert codes_from(pasted) == [codes.facilitator, codes.observer, "junk"]
    callers, problems = facilitator_sessions(store, codes_from(pasted))
    assert [c.session_id for c in callers] == [codes.session_id]
    assert len(problems) == 2 and "#2" in problems[0] and "#3" in problems[1]
