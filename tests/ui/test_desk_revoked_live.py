"""A desk left open on a code the facilitator revokes shows nothing new: the next time its
live parts would draw (here: an inject released after the revocation) the page is stopped with
the refusal instead, exactly as a reload would stop it. A browser keeps an open desk alive
through fragment reruns only, which never run the page's own check of the code, so the live
parts check it themselves before they draw (exercise/ui/gate.py `stop_if_code_refused`). The
process reads a session's codes at most every CODE_CHECK_SECONDS, so the inject is released
that long after the revocation."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from benchmarks.live_client import LiveClient
from exercise.conduct.access import token_hash
from exercise.conduct.sessions import revoke_access
from exercise.ui.gate import CODE_CHECK_SECONDS
from tests.asyncio_support import run_coroutine, until
from tests.served_desk import one_desk_room

REFUSAL = "revoked by the facilitator"


async def _revoked_story(url: str, code: str, write: object, revoke: object) -> None:
    desk = LiveClient(url, "desk", f"k={code}")
    await desk.open()
    try:
        assert await desk.first_drawn(), "the desk never finished opening"
        desk.expect("Before the revocation")
        await asyncio.to_thread(write, "Before the revocation")  # type: ignore[arg-type]
        assert await until(lambda: "Before the revocation" in desk.seen, 30), \
            "an inject written while the code was good never reached the desk"
        await asyncio.to_thread(revoke)  # type: ignore[arg-type]
        await asyncio.sleep(CODE_CHECK_SECONDS + 0.2)
        desk.expect("After the revocation")
        desk.expect(REFUSAL)
        sent = time.monotonic()
        await asyncio.to_thread(write, "After the revocation")  # type: ignore[arg-type]
        assert await until(lambda: REFUSAL in desk.seen, 30), \
            "the open desk was never told that its code was revoked"
        assert time.monotonic() - sent < 10
        await asyncio.sleep(3.0)  # two more timer periods: nothing of the inject comes late
        assert "After the revocation" not in desk.seen, \
            "an inject released after the revocation reached the revoked desk"
    finally:
        await desk.close()


@pytest.mark.slow
def test_an_open_desk_whose_code_is_revoked_is_stopped_and_shown_nothing_new(
        tmp_path: Path) -> None:
    with one_desk_room(tmp_path) as room:
        def revoke() -> None:
            revoke_access(room.store, room.codes.facilitator, token_hash(room.table_code))

        run_coroutine(_revoked_story(room.serve(), room.table_code, room.write, revoke))
