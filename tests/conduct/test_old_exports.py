"""Exports written before events were typed keep importing and replaying to the same state.

`fixtures/session-v1.jsonl` is `exercise session export` of the scripted drill (every event kind)
made with the code of 2026-11-29, before typed events; `session-v1.state.json` is the state that
code folded from it. Both are committed and never regenerated: they are the durable contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.transfer import export_lines, import_lines, replay
from exercise.store import SqlEventStore
from tests.integration.scripted import canonical

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "session-v1.jsonl"


def _lines() -> list[str]:
    return EXPORT.read_text(encoding="utf-8").splitlines()


def _expected() -> dict[str, Any]:
    return json.loads((FIXTURES / "session-v1.state.json").read_text(encoding="utf-8"))


# Record fields added since the fixture was made: the old state has none of them.
ADDED_FIELDS = {"submitter"}


def _as_json(state: Any) -> dict[str, Any]:
    plain = json.loads(json.dumps(canonical(state), ensure_ascii=False, sort_keys=True, default=str))
    return _without_added(plain)


def _without_added(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_added(v) for k, v in value.items() if k not in ADDED_FIELDS}
    if isinstance(value, list):
        return [_without_added(item) for item in value]
    return value


def test_the_old_export_replays_to_the_state_it_had() -> None:
    state = replay(_lines(), source=str(EXPORT))
    assert _as_json(state) == _expected()
    assert state.ended and len(state.releases) == 9
    assert state.requests and any(q.status == "partly_committed" for q in state.requests.values())
    assert [form.submitter for form in state.feedback] == ["agency:Township"]


def test_the_old_export_imports_into_every_store_and_folds_the_same(tmp_path: Path) -> None:
    expected = _expected()
    sql = SqlEventStore(f"sqlite:///{tmp_path}/import.sqlite3")
    try:
        for store in (MemoryEventStore(), sql):
            codes = import_lines(store, _lines(), source=str(EXPORT))
            state = session_state(store, codes["session_id"])
            assert _as_json(state) == expected
            # and it exports again to an export that replays the same
            assert _as_json(replay(export_lines(store, codes["session_id"]))) == expected
    finally:
        sql.close()
