"""Export / import / replay of a whole session, and the rehearsal dry run on every pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.conduct import facilitation, play
from exercise.conduct.errors import ConductError
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.rehearsal import reachable_injects, rehearse
from exercise.conduct.scheduler import tick
from exercise.conduct.transfer import export_lines, import_lines, replay
from exercise.scenario.loader import load_pack

from .conftest import ROOT, Run, wall

PACKS = sorted((ROOT / "scenarios").glob("*.yaml"))


def _play_some(r: Run) -> None:
    facilitation.start_clock(r.store, r.fac, speed=10, now=wall(0))
    tick(r.store, r.sid, wall(31))
    play.decide(r.store, r.table("Township"), "township-eoc", "I-02", "evacuate", now=wall(32))
    play.send_message(r.store, r.table("Township"), "township-eoc", "upper-village", "radio",
                      "Evacuate now", now=wall(33))
    facilitation.pause(r.store, r.fac, now=wall(40))


def test_export_import_and_replay_give_the_identical_state(run: Run) -> None:
    _play_some(run)
    lines = list(export_lines(run.store, run.sid))
    assert json.loads(lines[0])["session"]["pack_text"] == run.store.session(run.sid).pack_text
    other = MemoryEventStore()
    codes = import_lines(other, lines)
    assert codes["session_id"] == run.sid
    assert session_state(other, run.sid).snapshot() == run.state().snapshot()
    assert replay(lines).snapshot() == run.state().snapshot()
    assert other.grant(codes["facilitator"]) is None  # only hashes are stored
    imported = session_state(other, run.sid)
    assert imported.clock.mode == "paused"


def test_a_tampered_export_is_refused_with_its_line(run: Run) -> None:
    _play_some(run)
    lines = list(export_lines(run.store, run.sid))
    head = json.loads(lines[0])
    head["session"]["pack_text"] += "\n# edited"
    with pytest.raises(ConductError, match=r"x\.jsonl:1: .*SHA-256"):
        replay([json.dumps(head), *lines[1:]], source="x.jsonl")
    with pytest.raises(ConductError, match=r"x\.jsonl:2: event number 2 where 1"):
        replay([lines[0], *lines[2:]], source="x.jsonl")
    with pytest.raises(ConductError, match=r"x\.jsonl:2: not JSON"):
        replay([lines[0], "{oops"], source="x.jsonl")
    with pytest.raises(ConductError, match="empty"):
        replay([], source="x.jsonl")


def test_rehearse_prints_the_schedule_conditions_and_reachability(capsys: pytest.CaptureFixture[str]) -> None:
    pack = str(ROOT / "scenarios" / "example-typhoon-township.yaml")
    assert main(["rehearse", pack, "--choose", "I-02=wait"]) == 0
    out = capsys.readouterr().out
    assert "Day 1 06:45 (T+00:45)  I-03" in out and "if option 'wait' chosen for I-02" in out
    assert "effect: power in upper-valley down" in out
    assert "links lost: County EOC -> Upper Village chief at Day 1 12:00 (T+06:00)" in out
    assert main(["rehearse", pack, "--choose", "I-02=later"]) == 2
    assert "has the options evacuate, wait" in capsys.readouterr().err


def test_silent_tables_trigger_the_contingency_injects() -> None:
    text = (ROOT / "scenarios" / "example-typhoon-township.yaml").read_text(encoding="utf-8")
    released = {line.inject.id: line.released_at for line in rehearse(text, response="silent").lines}
    assert released["I-05"] == 100.0 and released["I-09"] == 420.0


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_inject_of_every_pack_is_released_on_some_path(path: Path) -> None:
    result = load_pack(path)
    assert result.ok, result.problems
    assert rehearse(result.text).lines
    assert reachable_injects(result.pack) == {i.id for i in result.pack.injects}


def test_session_cli_exports_imports_and_replays(tmp_path: Path, run: Run,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _play_some(run)
    export = tmp_path / "session.jsonl"
    export.write_text("\n".join(export_lines(run.store, run.sid)) + "\n", encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["session", "import", str(export), "--database", database]) == 0
    assert main(["session", "export", run.sid, "--database", database, "-o", str(tmp_path / "again.jsonl")]) == 0
    assert replay((tmp_path / "again.jsonl").read_text().splitlines()).snapshot() == run.state().snapshot()
    capsys.readouterr()
    assert main(["session", "replay", str(export)]) == 0
    out = capsys.readouterr().out
    assert "released I-02" in out and "township-eoc -> upper-village by radio: delivered" in out
    assert main(["session", "replay", str(tmp_path / "missing.jsonl")]) == 2
