"""Issue #13, item 8, on the pages: the facilitator revokes a leaked code from the console's
Join links panel, the revoked code's desk is refused with the reason, and the observer's
hot-wash page offers no feedback form (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct.access import token_hash
from tests.ui.conftest import APP
from tests.ui.play_support import errors, new_session, open_page, texts


def test_the_facilitator_revokes_a_leaked_table_code_from_the_join_links_panel(
        app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    leaked = played.table("Township EOC")
    app.session_state["facilitator.panel"] = "links"
    open_page(app, "facilitator", played.codes.facilitator)
    assert not app.exception
    box = app.selectbox(key="links.revoke.which")
    assert box.label == "Revoke a code (for example one that leaked)"
    assert token_hash(played.codes.facilitator) not in box.options  # never its own code
    box.set_value(token_hash(leaked))
    [revoke] = [b for b in app.button if b.label == "Revoke the code"]
    revoke.click().run()
    assert "Tick the box to confirm; nothing was revoked." in texts(app)
    assert played.store.grant(token_hash(leaked)).revoked is False  # type: ignore[union-attr]
    assert app.selectbox(key="links.revoke.which").value == token_hash(leaked)  # kept
    app.checkbox(key="links.revoke.sure").check()
    [revoke] = [b for b in app.button if b.label == "Revoke the code"]
    revoke.click().run()
    assert not app.exception and not errors(app)
    assert "Revoked: Table: Township EOC." in texts(app)
    assert played.store.grant(token_hash(leaked)).revoked is True  # type: ignore[union-attr]

    desk = AppTest.from_file(str(APP), default_timeout=60)
    open_page(desk, "desk", leaked)
    assert any("revoked by the facilitator" in e for e in errors(desk))


def test_the_observer_hot_wash_page_has_no_feedback_form(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "hotwash", played.codes.observer)
    assert not app.exception
    assert "The observer code (also on the room's screen) cannot submit feedback" in texts(app)
    assert not [b for b in app.button if b.label == "Submit the feedback form"]
