"""Import page, whole pack (AppTest): the acceptance sheets of issue 12 (tests/authoring/
test_planner_sheets.py: a roster with name_zh and a contact list in one workbook with a merged
title row, an English MSEL with T+ times, a Chinese MSEL with clock times, agency names joined
with 、 and a planner's typo) become a pack that validates; importing into a pack of the library
shows the diff before saving and loses no inject the sheet lacks unless removal is ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.scenario.loader import load_pack
from exercise.scenario.spreadsheets.msel_export import msel_table
from exercise.scenario.spreadsheets.write import write_xlsx
from tests.authoring.test_planner_sheets import CONTACTS, MSEL_EN, MSEL_ZH, ROSTER, _book
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.authoring_import import authoring_import_page
authoring_import_page()
"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVE = "Save to the scenario library"


@pytest.fixture
def sheets(tmp_path: Path) -> dict[str, bytes]:
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS},
                   title="Hualien earthquake TTX - participating agencies")
    english = _book(tmp_path / "msel-en.xlsx", {"MSEL": MSEL_EN}, title="MSEL v3 (draft)")
    chinese = _book(tmp_path / "msel-zh.xlsx", {"MSEL": MSEL_ZH})
    return {path.name: path.read_bytes() for path in (roster, english, chinese)}


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("error", "warning", "success", "caption", "code", "info", "text")
             for e in getattr(at, kind)]
    return rendered("\n".join(str(p) for p in parts))


def _button(at: AppTest, label: str):  # noqa: ANN202 - AppTest's widget type
    [button] = [b for b in at.button if b.label == label]
    return button


def _whole_pack(source: str = "new") -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=120).run()
    at.radio(key="import.kind").set_value("pack").run()
    at.radio(key="import.pack.from").set_value(source).run()
    return at


def _upload(at: AppTest, files: dict[str, bytes]) -> None:
    uploader = at.file_uploader(key="import.file.pack")
    for name, data in files.items():
        uploader.upload(name, data, XLSX)
    at.run()
    assert not at.exception, at.exception


def test_three_planner_sheets_become_a_pack_that_validates(data_dir: Path,
                                                           sheets: dict[str, bytes]) -> None:
    at = _whole_pack()
    assert "import.base" not in {w.key for w in at.selectbox}  # no library pack to choose
    at.text_input(key="import.pack.title").input("Hualien earthquake")
    at.text_input(key="import.pack.place").input("Hualien")
    at.text_input(key="import.pack.start").input("07:58").run()
    _upload(at, sheets)
    text = _text(at)
    # the planner's typo is located and nothing is offered for saving yet
    assert "msel-zh.xlsx, sheet 'MSEL', row 4" in text and "did you mean 'Mass Care Services'" in text
    assert not [b for b in at.button if b.label == SAVE]
    at.checkbox(key="import.pack.good_only").check().run()
    text = _text(at)
    assert "Created 2 areas: hualien-city (Hualien City), xiulin (Xiulin)" in text
    assert "Created 5 agencies: county-eoc, fire, xiulin-eoc, telecom, relief-zone" in text
    assert "cwa-forecaster (CWA forecaster)" in text
    assert "Operational Communications" in text
    assert "Backup minutes (standard figures; check them for the place): Mobile network 180 min on " \
        "Grid power" in text
    assert "Added (10): EQ-01" in text and "ZH-01, ZH-02" in text
    assert "0 error(s)" in text  # the design check ran on the pack about to be saved
    _button(at, SAVE).click().run()
    result = load_pack(data_dir / "packs" / "hualien-earthquake.yaml")
    assert result.ok, result.problems
    pack = result.pack
    assert {a.id for a in pack.agencies} == {row[0] for row in ROSTER[1:]}
    assert [o.label for o in pack.inject("EQ-05").options] == ["evacuate", "wait"]
    assert pack.inject("ZH-01").to == ["county-eoc", "fire"]  # names joined with 、
    assert pack.inject("ZH-01").time == 12  # 08:10 with T+00:00 at 07:58
    assert {"Import my spreadsheets into it", "Open it on the edit page"} <= {
        b.label for b in at.button}


def _library_pack(data_dir: Path, sheets: dict[str, bytes]) -> None:
    """The English MSEL's pack saved in the library, as a planner would have it."""
    at = _whole_pack()
    at.text_input(key="import.pack.title").input("Quake")
    at.text_input(key="import.pack.place").input("Hualien").run()
    _upload(at, {name: data for name, data in sheets.items() if name != "msel-zh.xlsx"})
    _button(at, SAVE).click().run()
    assert load_pack(data_dir / "packs" / "quake.yaml").ok


def _shorter_msel(data_dir: Path) -> bytes:
    """The pack's own MSEL as exported, without EQ-06..EQ-08, one message changed and EQ-09
    added."""
    pack = load_pack(data_dir / "packs" / "quake.yaml").pack
    headers, rows = msel_table(pack)
    message = headers.index("Inject Description")
    kept = [list(row) for row in rows if row[0] not in ("EQ-06", "EQ-07", "EQ-08")]
    kept[1][message] = "Strong aftershocks likely for a week."
    extra = list(kept[0])
    extra[0] = "EQ-09"
    kept.append(extra)
    return write_xlsx([("MSEL", headers, kept)])


def _into_library_pack(data_dir: Path, sheets: dict[str, bytes]) -> AppTest:
    _library_pack(data_dir, sheets)
    at = _whole_pack("library")
    box = at.selectbox(key="import.pack.base")
    [index] = [i for i, label in enumerate(box.options) if "Quake" in label]
    box.select_index(index).run()
    _upload(at, {"msel-v4.xlsx": _shorter_msel(data_dir)})
    return at


def test_importing_into_a_pack_shows_the_diff_and_keeps_what_the_sheet_lacks(
        data_dir: Path, sheets: dict[str, bytes]) -> None:
    at = _into_library_pack(data_dir, sheets)
    text = _text(at)
    assert "Added (1): EQ-09" in text
    assert "Changed (1): EQ-02" in text
    assert "Kept, not in the sheet (3): EQ-06, EQ-07, EQ-08" in text
    assert "Removed" not in text
    before = (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8")
    at.text_input(key="import.pack.save.id").input("quake-v4")
    _button(at, SAVE).click().run()
    assert (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8") == before
    saved = load_pack(data_dir / "packs" / "quake-v4.yaml")
    assert saved.ok, saved.problems
    ids = [inject.id for inject in saved.pack.injects]
    assert set(ids) == {f"EQ-0{n}" for n in range(1, 10)}  # nothing lost
    assert saved.pack.inject("EQ-02").message == "Strong aftershocks likely for a week."


def test_removing_what_the_sheet_lacks_is_an_explicit_choice_listed_before_saving(
        data_dir: Path, sheets: dict[str, bytes]) -> None:
    at = _into_library_pack(data_dir, sheets)
    at.checkbox(key="import.pack.replace").check().run()
    text = _text(at)
    assert "Removed (3): EQ-06, EQ-07, EQ-08" in text and "Kept, not in the sheet" not in text
    at.text_input(key="import.pack.save.id").input("quake-v4")
    _button(at, SAVE).click().run()
    saved = load_pack(data_dir / "packs" / "quake-v4.yaml").pack
    assert {inject.id for inject in saved.injects} == {
        "EQ-01", "EQ-02", "EQ-03", "EQ-04", "EQ-05", "EQ-09"}


def test_saving_over_the_library_pack_asks_first(data_dir: Path,
                                                 sheets: dict[str, bytes]) -> None:
    at = _into_library_pack(data_dir, sheets)
    before = (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8")
    at.text_input(key="import.pack.save.id").input("quake")
    _button(at, SAVE).click().run()
    assert "A pack you saved earlier already has the id quake" in _text(at)
    assert (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8") == before
    _button(at, "Replace quake").click().run()
    assert len(load_pack(data_dir / "packs" / "quake.yaml").pack.injects) == 9


def test_too_many_or_too_large_files_are_refused_with_a_reason(
        data_dir: Path, sheets: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    at = _whole_pack()
    at.text_input(key="import.pack.title").input("Quake")
    at.text_input(key="import.pack.place").input("Hualien").run()
    _upload(at, {f"msel-{n}.xlsx": sheets["msel-en.xlsx"] for n in range(11)})
    assert "11 files were chosen; import at most 10" in _text(at)
    assert not [b for b in at.button if b.label == SAVE]
    monkeypatch.setattr("exercise.ui.views.authoring_import.MAX_FILE_BYTES", 1024)
    at = _whole_pack()
    at.text_input(key="import.pack.title").input("Quake")
    at.text_input(key="import.pack.place").input("Hualien").run()
    _upload(at, {"roster.xlsx": sheets["roster.xlsx"]})
    assert "roster.xlsx: the file is larger than 1 KB" in _text(at)


def test_a_file_that_is_no_spreadsheet_is_a_located_message(data_dir: Path) -> None:
    at = _whole_pack()
    at.text_input(key="import.pack.title").input("Quake")
    at.text_input(key="import.pack.place").input("Hualien").run()
    uploader = at.file_uploader(key="import.file.pack")
    uploader.upload("msel.xlsx", b"<script>alert(1)</script>", XLSX)
    at.run()
    assert not at.exception
    text = _text(at)
    assert "The spreadsheet cannot be read" in text and "msel.xlsx" in text


def test_sheet_text_is_shown_as_typed(data_dir: Path, tmp_path: Path) -> None:
    area = "**Xiulin** [map](http://evil.example/x)"
    sender = "<img src=x onerror=alert(1)> _Resident_"
    roster = [row[:] for row in ROSTER]
    roster[4][5] = area  # the telecom operator's
    msel = [row[:] for row in MSEL_EN]
    msel[1][2] = sender
    files = {
        "roster.xlsx": _book(tmp_path / "r.xlsx", {"Agencies": roster, "Contacts": CONTACTS})
        .read_bytes(),
        "msel.xlsx": _book(tmp_path / "m.xlsx", {"MSEL": msel}).read_bytes()}
    at = _whole_pack()
    at.text_input(key="import.pack.title").input("Quake")
    at.text_input(key="import.pack.place").input("Hualien").run()
    _upload(at, files)
    captions = [rendered(c.value) for c in at.caption]
    assert any(f"({area})" in c for c in captions), captions
    assert any(f"({sender})" in c for c in captions), captions
    _button(at, SAVE).click().run()
    pack = load_pack(data_dir / "packs" / "quake.yaml").pack
    assert area in {a.name for a in pack.areas} and sender in {a.name for a in pack.actors}


def test_the_whole_pack_import_in_chinese(data_dir: Path, sheets: dict[str, bytes]) -> None:
    at = AppTest.from_string(PAGE, default_timeout=120)
    at.session_state["lang"] = "zh-TW"
    at.run()
    at.radio(key="import.kind").set_value("pack").run()
    at.text_input(key="import.pack.title").input("花蓮地震")
    at.text_input(key="import.pack.place").input("花蓮縣").run()
    _upload(at, {name: data for name, data in sheets.items() if name != "msel-zh.xlsx"})
    text = _text(at)
    assert "建立 5 個 單位：「county-eoc」" in text and "建立 1 個 模擬角色" in text
    assert "想定包將有 3 個地區、5 個單位" in text
    assert "備援時間（標準數值，請依當地情況確認）：行動通訊網路在電力中斷後可撐 180 分鐘" in text
    assert "階段 m1：討論問題。" in text
    assert "匯入時建立的項目" in {s.value for s in at.subheader}
    [save] = [b for b in at.button if b.label == "存入想定庫"]
    save.click().run()
    assert [w for w in at.success if "已存為新想定包" in w.value]
