"""Reading a session from a store: its pinned pack (parsed once per content hash) and its state
(folded once, then moved on by the events appended since, for every poll after the first)."""

from __future__ import annotations

import hashlib
import threading
import weakref
from functools import lru_cache

from exercise.conduct.errors import ConductError, NotFound
from exercise.conduct.ports import EventStore, SessionRecord
from exercise.conduct.state import ExerciseState, fold
from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import ScenarioPack

_lock = threading.Lock()
_states: weakref.WeakKeyDictionary[object, dict[str, ExerciseState]] = weakref.WeakKeyDictionary()


def pack_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _parse(text_hash: str, text: str) -> ScenarioPack:  # the hash keys the cache cheaply
    result = load_pack_text(text, file="<pinned pack>")
    if not result.ok or result.pack is None:
        first = "; ".join(str(p) for p in result.errors[:3])
        raise ConductError("refusal.pack.invalid", problems=first)
    return result.pack


def parse_pack(text: str) -> ScenarioPack:
    return _parse(pack_hash(text), text)


_verified: dict[str, tuple[str, ScenarioPack]] = {}


def pinned_pack(record: SessionRecord) -> ScenarioPack:
    """The parsed pack of a session, after checking its text against the pinned SHA-256 (once
    per text: a later poll compares the text, which costs far less than hashing it again)."""
    known = _verified.get(record.pack_hash)
    if known is not None and (known[0] is record.pack_text or known[0] == record.pack_text):
        return known[1]
    if pack_hash(record.pack_text) != record.pack_hash:
        raise ConductError("refusal.pack.altered", session=record.session_id)
    pack = parse_pack(record.pack_text)
    with _lock:
        if len(_verified) > 256:
            _verified.clear()
        _verified[record.pack_hash] = (record.pack_text, pack)
    return pack


def session_record(store: EventStore, session_id: str) -> SessionRecord:
    record = store.session(session_id)
    if record is None:
        raise NotFound("refusal.no_session", session=session_id)
    return record


def session_state(store: EventStore, session_id: str) -> ExerciseState:
    """The current state; the returned object is never changed afterwards (later reads clone).
    After the first read of a session, a poll asks the store only for the events since: the
    pinned pack never changes, so its text is not fetched again."""
    try:
        with _lock:
            cached = _states.setdefault(store, {}).get(session_id)
    except TypeError:  # a store that cannot be weakly referenced: fold every time
        return fold(pinned_pack(session_record(store, session_id)), store.events(session_id))
    if cached is None:
        state = fold(pinned_pack(session_record(store, session_id)), store.events(session_id))
    else:
        new = store.events(session_id, after_seq=cached.seq)
        if not new:
            return cached
        state = cached.clone()
        for event in new:
            state.apply(event)
    with _lock:
        known = _states[store].get(session_id)
        if known is None or known.seq < state.seq:
            _states[store][session_id] = state
    return state
