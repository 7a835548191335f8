"""The desk inbox is two live parts (issue #14): its announcement (what waits, the injects that
arrived while the reader read, the button that shows them) and the list being read. A new inject
makes only the announcement out of date, so the pusher does not rebuild every card of every desk
for it; the reader's "Show new", an acknowledgement or a decision changes the list."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation, play
from exercise.i18n import translator
from exercise.ui import live
from exercise.ui.views.desk import inbox
from exercise.ui.views.desk.inbox import desk_inbox, desk_inject_list
from tests.ui.play_support import Played, new_session, open_page, poll_until, texts

TOWNSHIP = "Township EOC"
AGENCY = "township-eoc"
FIRST, FIRST_TITLE = "I-02", "Evacuate Upper Village?"
SECOND, SECOND_TITLE = "I-04", "Report shelter capacity"
APP_TEST_SESSION = "test session id"  # the Streamlit session id of every AppTest
t = translator("en")


def _cards(at: AppTest) -> list[str]:
    """The inject cards' titles on the page, top to bottom."""
    return [str(m.value) for m in at.markdown
            if any(title in str(m.value) for title in (FIRST_TITLE, SECOND_TITLE))]


def _drawn(at: AppTest, played: Played, part: object) -> live.Drawn:
    """What the page recorded of `part` when it last drew it (what the pusher checks)."""
    page = live._pages[APP_TEST_SESSION]  # noqa: SLF001 - the page's own record of its parts
    return page.parts[(part.live_name, played.codes.session_id)]  # type: ignore[attr-defined]


def _out_of_date(played: Played, drawn: live.Drawn) -> bool:
    """As the pusher asks it: with the part's `depends` and the viewer recorded at drawing."""
    return live.needs_drawing(played.store, played.codes.session_id, drawn,
                              depends=live._DEPENDS[drawn.name])  # noqa: SLF001


def _until_out_of_date(played: Played, drawn: live.Drawn, seconds: float = 10.0) -> None:
    """Wait until the store's watcher has seen the new event and `drawn` is out of date."""
    deadline = time.monotonic() + seconds
    while not _out_of_date(played, drawn) and time.monotonic() < deadline:
        time.sleep(0.1)


def _redraws_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts the inbox asks to draw again after a click's run (a click reruns only the part
    it is in on a server; AppTest reruns the whole page, where nothing needs asking)."""
    asked: list[str] = []

    def redraw(part: object, session_id: str) -> bool:
        asked.append(part.live_name)  # type: ignore[attr-defined]
        return live.redraw_after_this_run(part, session_id)  # type: ignore[arg-type]

    monkeypatch.setattr(inbox, "redraw_after_this_run", redraw)
    return asked


def _reading_the_first(app: AppTest, data_dir: Path) -> Played:
    """A Township desk reading its first inject (the list drawn, nothing new)."""
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, FIRST)
    open_page(app, "desk", played.table(TOWNSHIP))
    assert not app.exception, app.exception
    assert len(_cards(app)) == 1 and FIRST_TITLE in _cards(app)[0]
    assert t("room2.inbox.no_new") in texts(app)
    return played


def test_a_new_inject_redraws_the_announcement_but_not_the_list(app: AppTest,
                                                                data_dir: Path) -> None:
    played = _reading_the_first(app, data_dir)
    announcement = _drawn(app, played, desk_inbox)
    listed = _drawn(app, played, desk_inject_list)
    assert listed.viewer == (AGENCY, (FIRST,))  # what the reader was shown, read at drawing

    facilitation.release_now(played.store, played.codes.facilitator, SECOND)
    _until_out_of_date(played, announcement)
    assert _out_of_date(played, announcement)  # the count and the button change
    assert not _out_of_date(played, listed)  # the cards being read do not

    announced = t("room2.inbox.new", count=1)
    poll_until(app, lambda page: announced in texts(page))
    assert not app.exception, app.exception
    assert announced in texts(app)
    assert [b for b in app.button if b.label == t("room2.inbox.show_new", count=1)]
    assert len(_cards(app)) == 1 and FIRST_TITLE in _cards(app)[0]  # still only the first
    assert _drawn(app, played, desk_inject_list).viewer == (AGENCY, (FIRST,))


def test_show_new_puts_the_new_card_on_top_of_the_list(app: AppTest, data_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    played = _reading_the_first(app, data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, SECOND)
    poll_until(app, lambda page: t("room2.inbox.new", count=1) in texts(page))
    asked = _redraws_asked(monkeypatch)

    [reveal] = [b for b in app.button if b.label == t("room2.inbox.show_new", count=1)]
    reveal.click().run()
    assert not app.exception, app.exception
    cards = _cards(app)
    assert len(cards) == 2 and SECOND_TITLE in cards[0] and FIRST_TITLE in cards[1]
    assert t("room2.inbox.no_new") in texts(app)
    # on a server the click reruns the announcement only: it asks for the list right after
    assert asked == [desk_inject_list.live_name]  # type: ignore[attr-defined]
    assert _drawn(app, played, desk_inject_list).viewer == (AGENCY, (SECOND, FIRST))


def test_an_acknowledgement_redraws_the_list_with_its_caption(app: AppTest,
                                                              data_dir: Path) -> None:
    played = _reading_the_first(app, data_dir)
    listed = _drawn(app, played, desk_inject_list)
    acknowledged = t("desk.inbox.acknowledged", time="")
    assert acknowledged not in texts(app)

    # acknowledged on the table's other screen: this page's card must change
    play.acknowledge(played.store, played.table(TOWNSHIP), AGENCY, FIRST)
    _until_out_of_date(played, listed)
    assert _out_of_date(played, listed)

    poll_until(app, lambda page: acknowledged in texts(page))
    assert not app.exception, app.exception
    shown = texts(app)
    assert acknowledged in shown and t("desk.inbox.unread") not in shown
    assert not [b for b in app.button if b.key == f"desk.ack.{AGENCY}.{FIRST}"]
    assert t("desk.waiting", unread=0, open=0) in shown


def test_acknowledging_on_the_card_asks_for_the_counts_above_again(
        app: AppTest, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _reading_the_first(app, data_dir)
    asked = _redraws_asked(monkeypatch)

    app.button(key=f"desk.ack.{AGENCY}.{FIRST}").click().run()
    assert not app.exception, app.exception
    # on a server the click reruns the list only: the announcement above is asked for after it
    assert asked == [desk_inbox.live_name]  # type: ignore[attr-defined]
    shown = texts(app)
    assert t("desk.inbox.acknowledged", time="") in shown
    assert t("desk.waiting", unread=0, open=0) in shown


def test_a_part_asked_for_is_rerun_right_after_the_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """`redraw_after_this_run` asks Streamlit for one rerun of the part's own fragment, found
    by the part's name in the page's record; a part the page does not show is not asked for."""
    name = desk_inject_list.live_name  # type: ignore[attr-defined]
    page = live._Page(parts={(name, "S-1"): live.Drawn("list-fragment", 5, 0, 0.0, None, name)})
    monkeypatch.setattr(live, "_page", lambda: page)
    asked: list[tuple[list[str], str | None]] = []
    monkeypatch.setattr(live, "_rerun_fragments",
                        lambda ids, watcher: asked.append((ids, watcher)) or True)
    assert live.redraw_after_this_run(desk_inject_list, "S-1")
    assert asked == [(["list-fragment"], None)]
    assert not live.redraw_after_this_run(desk_inbox, "S-1")  # not drawn on this page
    assert not live.redraw_after_this_run(name, "S-other")
    assert asked == [(["list-fragment"], None)]
