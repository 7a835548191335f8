"""Pack text in the places Streamlit reads as Markdown (issue 13, item 2), without a browser:
decision options on the desk, error alerts that quote pack names, and the What-if result carry
the text escaped and unlinked, and read as typed."""

from __future__ import annotations

from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation
from tests.ui.conftest import EXAMPLE
from tests.ui.play_support import new_session, open_page
from tests.ui.test_widgets import linked_by_gfm, rendered

IMAGE = "Go ![t](http://127.0.0.1:9/t.png) http://127.0.0.1:9/x www.x.example"


def _pack_with(option: str) -> str:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    [decision] = [i for i in data["injects"] if i["id"] == "I-02"]
    decision["options"][0]["label"] = option
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_decision_options_are_escaped_and_unlinked(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, _pack_with(IMAGE))
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table("Township EOC"))
    assert not app.exception
    radio = app.radio(key="desk.option.township-eoc.I-02")
    [shown] = [o for o in radio.options if "Go" in o]
    assert not linked_by_gfm(shown) and "](" not in shown
    assert rendered(shown) == IMAGE


ERROR_PAGE = """
from exercise.conduct.errors import ConductError
from exercise.ui.gate import run_command

def refuse():
    raise ConductError("pack 'Go ![t](http://127.0.0.1:9/t.png) www.x.example' is broken")

run_command(refuse)
"""


def test_error_alerts_quoting_pack_text_are_escaped(data_dir: Path) -> None:
    at = AppTest.from_string(ERROR_PAGE, default_timeout=60).run()
    [alert] = at.error
    assert not linked_by_gfm(alert.value) and "](" not in alert.value
    assert rendered(alert.value) == "pack 'Go ![t](http://127.0.0.1:9/t.png) www.x.example' is broken"


WHATIF = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""


def test_the_what_if_result_names_agencies_as_typed(data_dir: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["metadata"]["id"] = "markup-whatif"
    data["agencies"][0]["short_name"] = "County ![t](http://127.0.0.1:9/t.png)"
    (data_dir / "packs").mkdir(parents=True)
    (data_dir / "packs" / "markup-whatif.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    at = AppTest.from_string(WHATIF, default_timeout=120)
    at.query_params["pack"] = "uploaded/markup-whatif.yaml"
    at.run()
    [estimate] = [b for b in at.button if b.label == "Estimate"]
    estimate.click().run()
    assert not at.exception, at.exception
    [result] = [s.value for s in at.success if "→" in s.value]
    assert "](" not in result and not linked_by_gfm(result)
    assert rendered(result).startswith("County ![t](http://127.0.0.1:9/t.png) → ")
