"""Pack ids in the library (issue 13, item 4): an upload never silently writes over another
uploaded pack, a shipped pack's id is refused, and every list that offers packs shows their
origin and id, so two packs with one title can always be told apart."""

from __future__ import annotations

from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

from exercise.ui.library.catalogue import accept_upload, list_packs
from tests.ui.conftest import EXAMPLE, SCENARIOS

LIBRARY = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""
SESSIONS = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.sessions import sessions_page
sessions_page()
"""


def _pack(pack_id: str, title: str | None = None) -> bytes:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["metadata"]["id"] = pack_id
    if title is not None:
        data["metadata"]["title"] = title
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _shipped_id() -> str:
    return yaml.safe_load(EXAMPLE.read_text("utf-8"))["metadata"]["id"]


def test_an_upload_with_the_id_of_another_upload_does_not_overwrite_it(data_dir: Path) -> None:
    first = accept_upload("first.yaml", _pack("drill-2026", "First drill"), data_dir)
    assert first.saved is not None
    kept = first.saved.read_bytes()
    second = accept_upload("second.yaml", _pack("drill-2026", "Second drill"), data_dir)
    assert second.saved is None
    assert first.saved.read_bytes() == kept  # the first upload is untouched
    assert second.conflict is not None and second.conflict.name == first.saved.name
    assert any("drill-2026" in str(p) and "already" in str(p) for p in second.problems)
    replaced = accept_upload("second.yaml", _pack("drill-2026", "Second drill"), data_dir,
                             replace=True)
    assert replaced.saved == first.saved
    assert b"Second drill" in first.saved.read_bytes()


def test_an_upload_with_a_shipped_pack_id_is_refused(data_dir: Path) -> None:
    shipped = _shipped_id()
    outcome = accept_upload("copy.yaml", _pack(shipped), data_dir)
    assert outcome.saved is None
    assert any(shipped in str(p) and "shipped" in str(p) for p in outcome.problems)
    assert not any(e.origin.value == "uploaded" for e in list_packs(SCENARIOS, data_dir))
    again = accept_upload("copy.yaml", _pack(shipped), data_dir, replace=True)
    assert again.saved is None  # not even with replace: shipped packs are never shadowed


def test_library_and_sessions_lists_show_origin_and_id(data_dir: Path) -> None:
    title = yaml.safe_load(EXAMPLE.read_text("utf-8"))["metadata"]["title"]
    title = title if isinstance(title, str) else title["en"]
    assert accept_upload("twin.yaml", _pack("township-twin", title), data_dir).saved
    for script, key in ((LIBRARY, "library.selected"), (SESSIONS, "sessions.pack")):
        at = AppTest.from_string(script, default_timeout=60).run()
        assert not at.exception
        labels = at.selectbox(key=key).options
        assert len(labels) == len(set(labels)), labels
        twins = [label for label in labels if label.startswith(title)]
        assert len(twins) == 2, labels
        assert any("township-twin" in label and "uploaded" in label for label in twins), twins
        assert any(_shipped_id() in label and "shipped" in label for label in twins), twins
