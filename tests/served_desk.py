"""A room of one table per agency (one by default, its clock running) and an app process serving
it, for tests that open its desks as a browser would (benchmarks/live_client.py)."""

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
    agencies: list[str]  # one table each: "Table 0", "Table 1", ...
    data: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def agency(self) -> str:
        return self.agencies[0]

    @property
    def table_code(self) -> str:
        return self.code(0)

    def code(self, table: int) -> str:
        return self.codes.tables[f"Table {table}"]

    def write(self, title: str, table: int = 0) -> None:
        """The facilitator sends a table's agency an ad-hoc inject titled `title`."""
        facilitation.adhoc_inject(self.store, self.codes.facilitator, title=title,
                                  message="Detour via 9", to=[self.agencies[table]])

    def serve(self) -> str:
        """Start the app process on the room's data folder; its address."""
        self.process, url = app_server(self.data, None)
        return url


@contextmanager
def one_desk_room(tmp_path: Path, tables: int = 1,
                  clock_running: bool = True) -> Iterator[OneDeskRoom]:
    data = tmp_path / "data"
    data.mkdir()
    store = open_store(None, data)
    pack_text, agencies = room_pack(max(2, tables))
    codes = create_session(store, pack_text, tables=[
        TableSpec(f"Table {n}", (agencies[n],)) for n in range(tables)])
    facilitation.start_clock(store, codes.facilitator, speed=1)
    if not clock_running:
        facilitation.pause(store, codes.facilitator)
    room = OneDeskRoom(store, codes, agencies[:tables], data)
    try:
        yield room
    finally:
        if room.process is not None:
            room.process.terminate()
            room.process.wait(timeout=30)
        store.close()
