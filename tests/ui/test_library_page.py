"""Wiring of the scenario library page (AppTest: no browser, no JavaScript)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.test_catalogue import BROKEN
from tests.ui.test_widgets import rendered


def _all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "caption", "text", "info", "error",
                                  "success", "code") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def _frames_text(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def _select(at: AppTest, title_part: str) -> None:
    box = at.selectbox(key="library.selected")
    [key] = [k for k in box.options if title_part in k]
    box.set_value(box.value)  # keep the widget known to the run
    idx = box.options.index(key)
    box.select_index(idx).run()


def test_lists_the_shipped_packs(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Scenario library"
    options = app.selectbox(key="library.selected").options
    assert any("Example: typhoon over a mountain township (shipped, example-typhoon-township)" == o for o in options)


def test_preview_shows_agencies_objectives_modules_and_the_timeline(app: AppTest) -> None:
    app.run()
    _select(app, "Example: typhoon")
    assert not app.exception
    frames = _frames_text(app)
    assert "Shanlin Township Emergency Operations Centre" in frames
    assert "regional relief-zone support unit".lower() in frames.lower()
    assert "I-" in frames or "T+" in frames  # the MSEL table
    text = _all_text(app)
    assert "Issue an evacuation order to Upper Village" in text
    assert "Public Information and Warning" in text
    assert len(app.get("vega_lite_chart")) == 1
    graph = app.get("graphviz_chart")[0]  # the plan; then the focus on one agency
    assert "Township EOC" in graph.proto.spec and "digraph" in graph.proto.spec
    assert "Single points of failure" in [s.value for s in app.subheader]


def test_an_uploaded_broken_pack_shows_located_errors(app: AppTest, data_dir: Path) -> None:
    app.run()
    app.file_uploader(key="library.upload").upload("broken.yaml", BROKEN, "application/yaml")
    app.run()
    assert not app.exception
    assert "broken.yaml cannot be used: 1 problem(s)" in rendered(app.error[0].value)
    listed = rendered("\n".join(m.value for m in app.markdown))  # a list that wraps, not a code box
    assert "broken.yaml:12:" in listed and "locall" in listed
    assert not (data_dir / "packs").exists()


def test_an_uploaded_valid_pack_joins_the_library_and_is_previewed(app: AppTest) -> None:

    app.run()
    from tests.ui.test_catalogue import OWN_COPY

    app.run()
    app.file_uploader(key="library.upload").upload("mine.yaml", OWN_COPY)
    app.run()
    assert not app.exception
    assert app.success
    assert app.selectbox(key="library.selected").value == "uploaded/my-typhoon-drill.yaml"


def test_an_upload_replaces_another_only_on_an_explicit_click(app: AppTest, data_dir: Path) -> None:
    from tests.ui.test_catalogue import OWN_COPY

    app.run()
    app.file_uploader(key="library.upload").upload("first.yaml", OWN_COPY)
    app.run()
    saved = data_dir / "packs" / "my-typhoon-drill.yaml"
    second = OWN_COPY.replace(b"Example: typhoon", b"Second: typhoon", 1)
    app.file_uploader(key="library.upload").upload("second.yaml", second)
    app.run()
    assert not app.exception
    assert saved.read_bytes() == OWN_COPY  # not overwritten by the upload alone
    assert any("already uses" in w.value for w in app.warning)
    [replace] = [b for b in app.button if b.label.startswith("Replace the uploaded pack")]
    replace.click().run()
    assert saved.read_bytes() == second
    assert app.success


def test_a_pack_that_stopped_loading_is_listed_with_its_problems(
    app: AppTest, data_dir: Path
) -> None:
    (data_dir / "packs").mkdir(parents=True)
    (data_dir / "packs" / "old.yaml").write_bytes(BROKEN)
    app.run()
    assert not app.exception
    assert "Packs with problems" in [s.value for s in app.subheader]
    assert any("old.yaml:12:" in rendered(m.value) for m in app.markdown)


def test_switching_to_traditional_chinese(app: AppTest) -> None:
    app.run()
    app.button_group(key="lang").set_value("zh-TW").run()
    assert not app.exception
    assert app.title[0].value == "情境庫"
    assert app.query_params["lang"] == "zh-TW"
    assert "颱風" in _all_text(app) or "颱風" in _frames_text(app)
    assert "參與機關" in [tab.label for tab in app.tabs]


def test_the_language_comes_from_the_url(app: AppTest) -> None:
    app.query_params["lang"] = "zh-TW"
    app.run()
    assert app.title[0].value == "情境庫"
    assert app.button_group(key="lang").value == "zh-TW"
    app.button_group(key="lang").set_value("en").run()
    assert app.title[0].value == "Scenario library"
    assert "lang" not in app.query_params


def test_an_unknown_language_in_the_url_falls_back_to_english(app: AppTest) -> None:
    app.query_params["lang"] = "<script>alert(1)</script>"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Scenario library"


def test_the_previewed_pack_is_kept_in_the_url(app: AppTest) -> None:
    app.query_params["pack"] = "shipped/example-typhoon-township.yaml"
    app.run()
    assert app.selectbox(key="library.selected").value == "shipped/example-typhoon-township.yaml"
    app.query_params["pack"] = "../../etc/passwd"
    app.session_state["library.selected"] = None
    app.run()
    assert not app.exception
    assert app.selectbox(key="library.selected").value.startswith("shipped/")
