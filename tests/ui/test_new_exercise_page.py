"""New exercise page (AppTest): a planner's answers become a pack that validates and carries the
standard channel catalogue, saved in the library; nothing is written over without a Replace
click; missing answers and hostile text are messages, not crashes."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.scenario.loader import load_pack
from tests.ui.conftest import APP
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.authoring_new import authoring_new_page
authoring_new_page()
"""


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("error", "warning", "success", "caption", "info")
             for e in getattr(at, kind)]
    return rendered("\n".join(str(p) for p in parts))


def _fill(at: AppTest, title: str = "Hualien earthquake", place: str = "Hualien") -> AppTest:
    at.text_input(key="new.title").input(title)
    at.text_input(key="new.place").input(place)
    at.selectbox(key="new.hazard").select("earthquake")
    return at


def _button(at: AppTest, label: str):  # noqa: ANN202 - AppTest's widget type
    [button] = [b for b in at.button if b.label == label]
    return button


def test_answers_become_a_saved_pack_that_validates_with_the_standard_channels(
        data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60).run()
    _fill(at)
    at.multiselect(key="new.languages").set_value(["en", "zh-TW"])
    at.date_input(key="new.start_date").set_value(date(2026, 4, 3))
    at.time_input(key="new.start_time").set_value(time(7, 58))
    _button(at, "Create the pack").click().run()
    assert not at.exception, at.exception
    text = _text(at)
    assert "Hualien earthquake: 1 area, 1 agency" in text and "14 standard channels" in text
    assert not (data_dir / "packs").exists()  # nothing is written before Save
    _button(at, "Save to the scenario library").click().run()
    assert "Saved as the new pack hualien-earthquake" in _text(at)
    result = load_pack(data_dir / "packs" / "hualien-earthquake.yaml")
    assert result.ok, result.problems
    pack = result.pack
    assert pack.metadata.hazards[0].value == "earthquake"
    assert pack.metadata.languages == ["en", "zh-TW"]
    assert pack.metadata.scenario_start == "2026-04-03 07:58 local time"
    assert {"landline", "mobile", "radio", "satellite-phone", "fax", "liaison-officer",
            "cell-broadcast", "emic"} <= {c.id for c in pack.channels}
    assert [b.label for b in at.button][-2:] == ["Import my spreadsheets into it",
                                                 "Open it on the edit page"]


def test_an_existing_pack_is_replaced_only_after_an_explicit_replace(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60).run()
    _fill(at, title="Quake")
    _button(at, "Create the pack").click().run()
    _button(at, "Save to the scenario library").click().run()
    first = (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8")
    _fill(at, title="Quake", place="Xiulin")
    _button(at, "Create the pack").click().run()
    _button(at, "Save to the scenario library").click().run()
    assert "A pack you saved earlier already has the id quake" in _text(at)
    assert (data_dir / "packs" / "quake.yaml").read_text(encoding="utf-8") == first
    _button(at, "Replace quake").click().run()
    assert "Saved as the new pack quake" in _text(at)
    replaced = load_pack(data_dir / "packs" / "quake.yaml").pack
    assert replaced.areas[0].name == "Xiulin"


def test_a_shipped_pack_id_is_refused(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60).run()
    _fill(at)
    _button(at, "Create the pack").click().run()
    at.text_input(key="new.save.id").input("example-typhoon-township").run()
    _button(at, "Save to the scenario library").click().run()
    assert "is the id of a shipped pack" in _text(at)
    assert not [b for b in at.button if b.label.startswith("Replace")]
    assert not (data_dir / "packs" / "example-typhoon-township.yaml").exists()


def test_missing_answers_say_what_to_give(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60).run()
    _button(at, "Create the pack").click().run()
    assert "Give the exercise a title." in _text(at)
    at.text_input(key="new.title").input("Quake")
    _button(at, "Create the pack").click().run()
    assert "Give the place of the exercise" in _text(at)
    _fill(at)
    at.date_input(key="new.start_date").set_value(date(2026, 4, 3))
    _button(at, "Create the pack").click().run()
    assert "A start date needs a start time too" in _text(at)
    assert not at.exception


def test_hostile_title_is_shown_as_typed_and_the_file_name_is_safe(data_dir: Path) -> None:
    title = "**Bold** [click](http://evil.example) <script>alert(1)</script> ../../etc"
    at = AppTest.from_string(PAGE, default_timeout=60).run()
    _fill(at, title=title, place="花蓮縣")
    _button(at, "Create the pack").click().run()
    [made] = [c.value for c in at.caption if "1 area" in c.value]
    assert rendered(made).startswith(title)  # escaped: no bold, no link, no markup
    _button(at, "Save to the scenario library").click().run()
    [saved] = list((data_dir / "packs").glob("*.yaml"))
    assert saved.parent == data_dir / "packs" and "/" not in saved.stem
    assert load_pack(saved).pack.metadata.title == title


def test_the_page_in_chinese(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60)
    at.session_state["lang"] = "zh-TW"
    at.run()
    _fill(at, title="花蓮地震", place="花蓮縣")
    [create] = [b for b in at.button if b.label == "建立想定包"]
    create.click().run()
    assert not at.exception
    assert "14 種標準通訊管道" in _text(at)


def test_the_menu_lists_the_page_before_import(data_dir: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    labels = [link.label for link in at.get("page_link")]
    assert labels.index("New exercise") < labels.index("Import a spreadsheet")
