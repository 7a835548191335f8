"""Pictures people can read (issue #16 item 13): the contact graph ranked by tier with names in
the reader's language, the focus on one agency, and the debrief's replay of observed contacts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation as cmd
from exercise.conduct.sessions import JoinCodes, create_session
from exercise.network.tiers import RANK
from exercise.scenario.loader import load_pack
from exercise.store import open_store
from tests.ui.conftest import EXAMPLE

CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""


@pytest.fixture
def codes(data_dir: Path) -> JoinCodes:
    return create_session(open_store(None, data_dir), EXAMPLE.read_text(encoding="utf-8"),
                          name="Graph test")


def _table(at: AppTest) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for table in at.table:
        rows += [{str(k).replace("\\", ""): str(v).replace("\\", "") for k, v in row.items()}
                 for row in table.value.to_dict("records")]
    return rows


def _console_graph(codes: JoinCodes, lang: str = "en") -> AppTest:
    at = AppTest.from_string(CONSOLE, default_timeout=60)
    at.query_params["k"] = codes.facilitator
    if lang != "en":
        at.query_params["lang"] = lang
    at.session_state["facilitator.panel"] = "graph"
    return at.run()


def test_focus_lists_links_with_channels_in_priority_order_and_the_way_round_a_failed_one(
        codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1)
    cmd.adhoc_inject(store, codes.facilitator, title="Repeater and lines down", message="Storm",
                     to=["township-eoc"], effects=[
                         {"system": "radio-repeater", "area": "shanlin", "status": "down"},
                         {"system": "landline", "area": "shanlin", "status": "down"}])
    at = _console_graph(codes)
    assert not at.exception, at.exception
    at.selectbox(key="graph.focus.world").set_value("township-eoc").run()
    assert not at.exception, at.exception
    rows = {row["With"]: row for row in _table(at)}
    fire = rows["Fire Bureau"] if "Fire Bureau" in rows else next(
        r for w, r in rows.items() if "Fire" in w)
    # the link's channels in the pack's order, each with its state now
    assert fire["Channels in priority order"] == "1. Township radio (down) → 2. Telephone (down)"
    assert fire["Link now"] == "FAILED"
    assert fire["If this link fails, go via"] == "Township EOC → County EOC → " + fire["With"]
    village = next(r for w, r in rows.items() if "Upper Village" in w)
    assert village["Channels in priority order"].startswith("1. Mobile phone (works) → 2. LINE group")
    assert village["Link now"] == "works"
    assert list(rows.values())[0] is fire  # failed links come first
    [_, focus] = at.get("graphviz_chart")
    assert '"county-eoc"' in focus.proto.spec and '"red-cross"' in focus.proto.spec


def test_zh_tw_edge_labels_are_chinese_channel_names(codes: JoinCodes) -> None:
    at = _console_graph(codes, "zh-TW")
    assert not at.exception, at.exception
    spec = at.get("graphviz_chart")[0].proto.spec
    labels = re.findall(r'-> "[^"]+" \[[^\]]*label="([^"]*)"', spec)
    assert labels and "市話" in labels and "手機" in labels, labels
    assert not [label for label in labels if re.search(r"[A-Za-z]{3,}", label) and "LINE" not in label]


def test_the_drawing_ranks_agencies_by_tier_central_first() -> None:
    from exercise.ui.library.contact_graph import planned_view

    pack = load_pack(EXAMPLE).pack
    dot = planned_view(pack, "en").dot
    level = {agency.id: agency.level.value for agency in pack.agencies}
    ranks = [re.findall(r'"([^"]+)";', group)
             for group in re.findall(r'\{ rank="same"; ([^}]*)\}', dot) if "legend_" not in group]
    order = [RANK[level[group[0]]] for group in ranks]
    assert order == sorted(order) and len(order) >= 4
    for group in ranks:  # one tier per rank
        assert len({level[node] for node in group}) == 1
    chain = [(a, b) for a, b in re.findall(r'"([^"]+)" -> "([^"]+)" \[style="invis"\]', dot)
             if not b.startswith("legend_")]
    assert [(level[a], level[b]) for a, b in chain] == [("county", "township"),
                                                        ("township", "community")]
    assert 'peripheries="2"' in dot  # the hub
    assert 'label="Nanhe County"' in dot  # a box per area, named


def test_the_library_preview_focuses_on_the_hub_by_default(app: AppTest) -> None:
    from tests.ui.test_library_page import _select

    app.run()
    _select(app, "Example: typhoon")
    assert not app.exception, app.exception
    assert app.selectbox(key="graph.focus.plan").value == "county-eoc"
    rows = {row["With"]: row for row in _table(app) if "With" in row}
    assert rows["Township EOC"]["Channels in priority order"] == (
        "1. Telephone (works) → 2. LINE group (works) → 3. Satellite phone (works)")
    assert rows["Township EOC"]["Who calls"] == "calls them"


def test_the_replay_at_a_time_shows_only_the_contacts_made_by_then(app: AppTest, data_dir: Path
                                                                   ) -> None:
    from exercise.conduct import play
    from tests.ui.play_support import new_session, open_page

    played = new_session(data_dir)
    township, county = played.table("Township EOC"), played.table("County EOC")
    play.send_message(played.store, county, "county-eoc", "township-eoc", "line-group", "first")
    cmd.advance(played.store, played.codes.facilitator, 90)
    play.send_message(played.store, township, "township-eoc", "red-cross", "mobile-phone", "later")
    play.send_message(played.store, township, "township-eoc", "telecom", "phone", "unplanned")
    cmd.advance(played.store, played.codes.facilitator, 10)  # contacts count once delivered
    cmd.end_session(played.store, played.codes.facilitator)
    open_page(app, "debrief", played.codes.debrief)
    assert not app.exception, app.exception
    slider = app.select_slider(key="debrief.replay.minute")
    assert slider.options == ["Day 1 06:05 (T+00:05)", "Day 1 07:32 (T+01:32)"]
    assert slider.value == 92  # every contact at first

    def observed_edges() -> set[tuple[str, str]]:
        spec = app.get("graphviz_chart")[1].proto.spec
        used = re.findall(r'"([^"]+)" -> "([^"]+)" \[[^\]]*penwidth', spec)
        emergent = re.findall(r'"([^"]+)" -> "([^"]+)" \[color="#1c7ed6"', spec)
        return set(used) | set(emergent)

    assert observed_edges() == {("county-eoc", "township-eoc"), ("township-eoc", "red-cross"),
                                ("township-eoc", "telecom")}
    slider.set_value(5).run()
    assert not app.exception, app.exception
    assert observed_edges() == {("county-eoc", "township-eoc")}
    assert "Contacts made by Day 1 06:05 (T+00:05): 1" in [c.value for c in app.caption]
    assert len([c for c in app.columns if c.get("graphviz_chart")]) == 2  # side by side
    [play_button] = [b for b in app.button if b.key == "debrief.replay.play"]
    play_button.click().run()  # play starts from the first contact time
    assert not app.exception, app.exception
    assert app.select_slider(key="debrief.replay.minute").value == 5
    app.run()  # the next tick (a timer in the browser) steps to the next contact time
    assert app.select_slider(key="debrief.replay.minute").value == 92
    app.run()  # at the end it stops
    assert not app.exception, app.exception
    assert app.session_state["debrief.replay.playing"] is False


SHIPPED = sorted((EXAMPLE.parent).glob("*.yaml"))
COLUMN_AT_1400 = 940  # px: the page's column on a 1400 px screen (measured in a browser)


def _extent_px(dot: str) -> float:
    """How wide a grid drawing is at its natural size: its boxes' extent, 4/3 px per point."""
    boxes = [(int(x), float(width) * 72)
             for width, x in re.findall(r'width="([\d.]+)", pos="(-?\d+),-?\d+!"', dot)]
    assert boxes
    return (max(x + w / 2 for x, w in boxes) - min(x - w / 2 for x, w in boxes)) * 4 / 3


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_every_large_shipped_pack_is_laid_out_in_rows_that_fit_a_1400_px_page(lang: str) -> None:
    """A large pack is drawn on a grid of rows by tier (no dot layout spreading it to 1700 px):
    at its natural size, where a 15 pt name is 20 px, it fits the column at 1400 px."""
    from exercise.network.dot import DETAILED_UP_TO, FONT_SIZE
    from exercise.ui.library.contact_graph import planned_view

    large = 0
    for path in SHIPPED:
        pack = load_pack(path).pack
        dot = planned_view(pack, lang).dot
        if len(pack.agencies) <= DETAILED_UP_TO:
            continue
        large += 1
        assert 'layout="neato"' in dot and len(re.findall(r'pos="[^"]+!"', dot)) > len(pack.agencies)
        width = _extent_px(dot)
        assert width <= COLUMN_AT_1400, f"{path.name} ({lang}) is {width:.0f} px wide"
        assert int(FONT_SIZE) * 4 / 3 >= 14
    assert large >= 8


def test_every_graph_on_a_page_is_drawn_at_least_at_its_natural_size() -> None:
    """Pages draw graphs only through `graph_chart`, whose box scrolls rather than shrink the
    drawing, and gives the SVG's text the sizes the layout was made for (Streamlit's own
    stylesheet draws all of it at 9.6 px)."""
    from exercise.network.dot import EDGE_FONT_SIZE, FONT_SIZE
    from exercise.ui.graph_view import STYLE

    ui = Path(__file__).resolve().parents[2] / "exercise" / "ui"
    direct = [str(p.relative_to(ui)) for p in ui.rglob("*.py")
              if "st.graphviz_chart(" in p.read_text(encoding="utf-8") and p.name != "graph_view.py"]
    assert direct == []
    assert "min-width: max-content" in STYLE and "max-width: none" in STYLE
    assert f"g.node text {{ font-size: {FONT_SIZE}px" in STYLE
    assert "g.edge text, " in STYLE and f"font-size: {EDGE_FONT_SIZE}px" in STYLE
    assert min(int(FONT_SIZE), int(EDGE_FONT_SIZE)) * 4 / 3 >= 14  # px at the natural size


def test_the_drawings_own_words_come_from_the_catalogue_in_the_readers_language() -> None:
    import networkx as nx

    from exercise.network.dot import DotNames, render_dot
    from exercise.scenario.models import Status

    graph = nx.DiGraph()
    graph.add_node("a", label="縣應變中心", level="county")
    graph.add_node("b", label="鄉公所", level="township", status=Status.degraded)
    graph.add_edge("a", "b", channels=["phone"], status=Status.degraded)
    graph.add_edge("b", "a", channels=["radio"], status=Status.down)
    dot = render_dot(graph, lang="zh-TW", names=DotNames({"phone": "市話", "radio": "無線電"}))
    labels = re.findall(r'label="([^"]*)"', dot)
    assert "市話 (降級)" in labels and "中斷" in labels and "圖例" in labels
    assert not [label for label in labels if re.search(r"[A-Za-z]{3,}", label)], labels


def test_a_row_keeps_an_area_together_when_it_fits() -> None:
    import networkx as nx

    from exercise.network.dot import DotNames, render_dot

    graph = nx.DiGraph()
    for area in ("north", "south"):
        for index in range(3):
            graph.add_node(f"{area}-{index}", label=f"{area} {index}", level="township", area=area)
    dot = render_dot(graph, names=DotNames(wrap=14))
    rows = [re.findall(r'"([^"]+)";', group)
            for group in re.findall(r'\{ rank="same"; ([^}]*)\}', dot) if "legend_" not in group]
    assert rows == [["north-0", "north-1", "north-2"], ["south-0", "south-1", "south-2"]]


def test_a_large_packs_replay_is_drawn_under_the_plan_not_beside_it(app: AppTest, data_dir: Path
                                                                    ) -> None:
    """Side by side, each drawing of a 25-agency pack would get half the page: the plan comes
    above the replay, each the page's width (a small pack keeps them side by side)."""
    from exercise.conduct import play
    from tests.ui.play_support import new_session, open_page

    lake = (EXAMPLE.parent / "three-weeks-without-signal.yaml").read_text(encoding="utf-8")
    played = new_session(data_dir, lake)
    [ncc] = [code for label, code in played.codes.tables.items() if "NCC" in label]
    play.send_message(played.store, ncc, "ncc", "cy-eoc", "phone", "Towers down in Budai")
    cmd.advance(played.store, played.codes.facilitator, 10)
    cmd.end_session(played.store, played.codes.facilitator)
    open_page(app, "debrief", played.codes.debrief)
    assert not app.exception, app.exception
    charts = app.get("graphviz_chart")
    assert len(charts) >= 2
    assert not [column for column in app.columns if column.get("graphviz_chart")]
