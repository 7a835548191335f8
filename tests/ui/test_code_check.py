"""The check of a page's code on a fragment rerun (exercise/ui/gate.py `code_still_valid`): a
revoked code is refused within CODE_CHECK_SECONDS, a code of another session or none is refused,
a code given since the last read is known at once, and the session's codes are read at most once
per CODE_CHECK_SECONDS however many desks ask (one read per desk redraw cost a third of it)."""

from __future__ import annotations

from pathlib import Path

from exercise.conduct.access import token_hash
from exercise.conduct.sessions import TableSpec, add_access, create_session, revoke_access
from exercise.store import open_store
from exercise.ui.gate import CODE_CHECK_SECONDS, code_still_valid
from tests.ui.conftest import EXAMPLE


class CountingStore:
    """The store, counting the reads of a session's codes."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.reads = 0

    def grants(self, session_id: str) -> list[object]:
        self.reads += 1
        return self.store.grants(session_id)  # type: ignore[attr-defined, no-any-return]


def _session(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(None, tmp_path)
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"),
                           tables=[TableSpec("Township", ("township-eoc",)),
                                   TableSpec("County", ("county-eoc",))])
    return store, codes


def test_a_revoked_code_is_refused_within_the_check_time(tmp_path: Path) -> None:
    store, codes = _session(tmp_path)
    counting = CountingStore(store)
    township, county = codes.tables["Township"], codes.tables["County"]
    sid = codes.session_id
    assert code_still_valid(counting, sid, township, now=100.0)  # type: ignore[arg-type]
    assert code_still_valid(counting, sid, county, now=100.1)  # type: ignore[arg-type]
    assert counting.reads == 1  # both desks answered by one read of the session's codes
    revoke_access(store, codes.facilitator, token_hash(township))
    assert code_still_valid(counting, sid, township,  # type: ignore[arg-type]
                            now=100.0 + CODE_CHECK_SECONDS / 2)  # not read again yet
    later = 100.0 + CODE_CHECK_SECONDS + 0.01
    assert not code_still_valid(counting, sid, township, now=later)  # type: ignore[arg-type]
    assert code_still_valid(counting, sid, county, now=later)  # type: ignore[arg-type]
    assert counting.reads == 2


def test_unknown_codes_are_refused_and_new_ones_known_at_once(tmp_path: Path) -> None:
    store, codes = _session(tmp_path)
    other_store, other = _session(tmp_path / "other")
    counting = CountingStore(store)
    sid = codes.session_id
    assert not code_still_valid(counting, sid, "", now=5.0)  # type: ignore[arg-type]
    assert not code_still_valid(counting, sid, "no-such-code", now=5.0)  # type: ignore[arg-type]
    # a good code, but of another session: not this page's session
    assert not code_still_valid(counting, sid, other.tables["Township"],  # type: ignore[arg-type]
                                now=5.0)
    # the facilitator's own code is a code of the session too
    assert code_still_valid(counting, sid, codes.facilitator, now=5.0)  # type: ignore[arg-type]
    reads = counting.reads
    late = add_access(store, codes.facilitator, "agency", "Late table", ("township-eoc",))
    assert code_still_valid(counting, sid, late, now=5.1)  # type: ignore[arg-type]
    assert counting.reads == reads + 1  # read again at once, not refused for a second
    assert code_still_valid(counting, sid, late, now=5.2)  # type: ignore[arg-type]
    assert counting.reads == reads + 1
    del other_store
