"""A one-table room with its clock running and an app process serving it, for tests that open
its desk as a browser would (benchmarks/live_client.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_live import app_server, room_pack
from exercise.conduct import facilitation
from exercise.conduct.ports import EventStore
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session
from exercise.store import open_store


@dataclass
class OneDeskRoom:
    store: EventStore
    codes: JoinCodes
    agency: str
    data: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def table_code(self) -> str:
        return self.codes.tables["Fire"]

    def write(self, title: str) -> None:
        """The facilitator sends the desk's agency an ad-hoc inject titled `title`."""
        facilitation.adhoc_inject(self.store, self.codes.facilitator, title=title,
                                  message="Detour via 9", to=[self.agency])

    def serve(self) -> str:
        """Start the app process on the room's data folder; its address."""
        self.process, url = app_server(self.data, None)
        return url


@contextmanager
def one_desk_room(tmp_path: Path) -> Iterator[OneDeskRoom]:
    data = tmp_path / "data"
    data.mkdir()
    store = open_store(None, data)
    pack_text, agencies = room_pack(2)
    codes = create_session(store, pack_text, tables=[TableSpec("Fire", (agencies[0],))])
    facilitation.start_clock(store, codes.facilitator, speed=1)
    room = OneDeskRoom(store, codes, agencies[0], data)
    try:
        yield room
    finally:
        if room.process is not None:
            room.process.terminate()
            room.process.wait(timeout=30)
        store.close()
