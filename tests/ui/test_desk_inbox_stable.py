"""The desk inbox does not move under a reader (issue #16 item 6): an inject that arrives is
announced, and joins the list only when the reader asks; on a phone the inbox is part of the
page (one scroll)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation
from tests.ui.play_support import new_session, open_page, poll_until, texts

TOWNSHIP = "Township EOC"


def _cards(at: AppTest) -> list[str]:
    """The inject cards' titles on the page, top to bottom."""
    titles = ("Evacuate Upper Village?", "Report shelter capacity")
    return [str(m.value) for m in at.markdown if any(title in str(m.value) for title in titles)]


def _poll_until(at: AppTest, text: str, seconds: float = 10.0) -> None:
    poll_until(at, lambda page: text in texts(page), seconds)


def test_a_new_inject_is_announced_and_shown_only_when_asked(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table(TOWNSHIP))
    before = _cards(app)
    assert any("Evacuate Upper Village?" in c for c in before)
    assert "No new injects since you last looked." in texts(app)

    facilitation.release_now(played.store, played.codes.facilitator, "I-04")  # arrives now
    _poll_until(app, "new inject(s) arrived")
    assert not app.exception, app.exception
    assert _cards(app) == before  # what is being read stays where it was
    assert "1 new inject(s) arrived while you were reading." in texts(app)
    assert [toast for toast in app.toast if "Report shelter capacity" in toast.value]
    [reveal] = [b for b in app.button if b.label == "Show new (1)"]
    reveal.click().run()
    after = _cards(app)
    assert len(after) == len(before) + 1 and after[1:] == before  # on top, as asked
    assert "Report shelter capacity" in after[0]
    assert "No new injects since you last looked." in texts(app)


def test_on_a_phone_the_inbox_is_part_of_the_page(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table(TOWNSHIP))
    styles = [str(h.proto.body) for h in app.get("html")]
    assert any("@media (max-width: 640px)" in s and ".st-key-desk-inbox" in s
               and "height: auto" in s for s in styles)
