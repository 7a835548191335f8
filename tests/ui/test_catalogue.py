"""The library's packs: shipped and uploaded, and what an upload may and may not do."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.ui.library.catalogue import (
    MAX_UPLOAD_BYTES,
    Origin,
    accept_upload,
    list_packs,
    uploads_dir,
)
from tests.ui.conftest import EXAMPLE, SCENARIOS

# The shipped example under an id of its own (a shipped pack's id is refused on upload).
OWN_COPY = EXAMPLE.read_bytes().replace(b"  id: example-typhoon-township\n",
                                        b"  id: my-typhoon-drill\n", 1)
BROKEN = b"""format_version: 1
metadata:
  id: broken-pack
  title: Broken
  hazards: [typhoon]
  setting: somewhere
  summary: a pack with mistakes
  duration: 60
areas:
  - {id: town, name: Town}
agencies:
  - {id: eoc, name: EOC, level: locall, sector: emergency, area: town}
channels:
  - {id: phone, kind: landline, independent_because: not part of this test}
modules:
  - {id: M1, title: One, start: T+00:00, situation: Rain}
"""


def test_lists_the_shipped_packs(tmp_path: Path) -> None:
    entries = list_packs(SCENARIOS, tmp_path)
    shipped = {e.path.name for e in entries if e.origin is Origin.shipped}
    assert EXAMPLE.name in shipped
    assert all(e.ok for e in entries if e.path == EXAMPLE)


def test_a_valid_upload_is_kept_in_the_data_folder_under_its_id(tmp_path: Path) -> None:
    outcome = accept_upload("my pack.yaml", OWN_COPY, tmp_path)
    assert outcome.saved == uploads_dir(tmp_path) / "my-typhoon-drill.yaml"
    listed = [e for e in list_packs(SCENARIOS, tmp_path) if e.origin is Origin.uploaded]
    assert [e.path.name for e in listed] == ["my-typhoon-drill.yaml"]


def test_a_hostile_file_name_cannot_choose_where_the_pack_is_written(tmp_path: Path) -> None:
    outcome = accept_upload("../../../etc/evil.yaml", OWN_COPY, tmp_path / "data")
    assert outcome.saved is not None
    assert outcome.saved.parent == uploads_dir(tmp_path / "data")
    assert not (tmp_path / "etc").exists()


def test_a_broken_upload_is_not_kept_and_its_problems_are_located(tmp_path: Path) -> None:
    outcome = accept_upload("broken.yaml", BROKEN, tmp_path)
    assert outcome.saved is None
    assert not uploads_dir(tmp_path).exists()
    [problem] = outcome.problems
    assert (problem.file, problem.line) == ("broken.yaml", 12)
    assert "locall" in problem.message


def test_wrong_type_and_oversize_uploads_are_refused_with_a_reason(tmp_path: Path) -> None:
    wrong = accept_upload("pack.exe", EXAMPLE.read_bytes(), tmp_path)
    assert wrong.saved is None and ".yaml" in wrong.problems[0].message
    big = accept_upload("big.yaml", b"#" * (MAX_UPLOAD_BYTES + 1), tmp_path)
    assert big.saved is None and "limited" in big.problems[0].message


def test_not_utf8_and_not_yaml_are_problems_not_crashes(tmp_path: Path) -> None:
    for data in (b"\xff\xfe\x00garbage", b"metadata: [unclosed", b"- just\n- a list\n"):
        outcome = accept_upload("x.yaml", data, tmp_path)
        assert outcome.saved is None
        assert outcome.problems


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=40), data=st.binary(max_size=3000))
def test_any_upload_is_answered_with_problems_or_a_pack_never_a_crash(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome = accept_upload(name, data, Path(folder))
        assert outcome.saved is None or outcome.saved.parent == uploads_dir(Path(folder))
        assert outcome.saved is not None or outcome.problems
