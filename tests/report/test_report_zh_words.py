"""A Traditional Chinese report reads as Chinese in every format: no English word of the product
is left (ids, times, acronyms, the pack's names and what people typed excepted), and an English
report holds no Chinese word of the product."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from docx import Document

from exercise.conduct import facilitation
from exercise.conduct.evaluation import FEEDBACK_ROLES, FEEDBACK_STATEMENTS, PRIORITIES
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec, create_session
from exercise.conduct.state import ExerciseState
from exercise.i18n import catalogue
from exercise.report import export
from exercise.report.build import build_report
from exercise.report.compare import compare_sessions, comparison_lines
from exercise.report.fonts import FontMissing
from exercise.report.model import CAPABILITY_ELEMENTS
from exercise.report.to_docx import render_docx
from exercise.report.to_html import render_html
from exercise.report.to_markdown import render_markdown
from exercise.report.to_pdf import render_pdf
from exercise.report.words import ACTORS, HOT_WASH_TAGS, REQUEST_STATES, slug
from exercise.scenario.capabilities import CORE_CAPABILITIES
from exercise.scenario.loader import load_pack
from exercise.scenario.models import AgencyLevel, Hazard
from exercise.scenario.text import localize
from tests.conduct.conftest import T0, wall
from tests.integration.scripted import SESSION_ID, play_exercise
from tests.report.conftest import Played
from tests.report.test_exporters import _cjk_font_or_skip, pdf_text
from tests.words_check import english_left, pack_names

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_URL = re.compile(r"https?://\S+")
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def english_in(text: str, allowed: set[str]) -> list[str]:
    """English left in a Chinese text, links aside (a source's address is an id, but Markdown
    escapes the `&` and `_` of its query)."""
    return english_left(_URL.sub(" ", text), allowed=allowed)


def typed_words(state: ExerciseState) -> set[str]:
    """What people typed during play (shown as they wrote it) and the tables' labels the
    facilitator chose. (An agency's sector is not among them: packs give it in Chinese too.)"""
    texts = [o.text for o in state.observations]
    texts += [x.rationale for x in state.ratings]
    texts += [m.text for m in state.messages.values()]
    texts += [n.text for n in state.hotwash]
    texts += [x.label for x in state.tables]
    for form in state.feedback:
        for value in form.answers.values():
            texts += value if isinstance(value, list) and all(isinstance(v, str) for v in value) else []
            texts += [value] if isinstance(value, str) else []
    texts += [d.rationale for d in state.decisions]
    texts += [a.text for a in state.actions]
    texts += [h.reason for h in state.holds.values()]
    texts += [v for i in state.adhoc.values()
              for v in (i.title.values() if isinstance(i.title, dict) else [i.title])]
    texts += [v for i in state.improvement_items.values()
              for v in (i.issue, i.corrective_action, i.responsible_organization, i.poc)]
    return {word for text in texts for word in _LATIN_WORD.findall(text)}


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def html_text(html: str) -> str:
    """What a reader sees: the body without tags, plus the title and image captions."""
    body = html.split("<body>", 1)[1]
    return unescape(re.sub(r"<[^>]+>", " ", body) + " "
                    + " ".join(re.findall(r'alt="([^"]*)"', body)))


def rendered(state: ExerciseState, lang: str) -> dict[str, str]:
    report = build_report(state, lang, dates="2026-11-26")
    texts = {
        "md": render_markdown(report),
        "html": html_text(render_html(report)),
        "docx": docx_text(render_docx(report)),
    }
    _cjk_font_or_skip()
    texts["pdf"] = pdf_text(render_pdf(report), layout=False)
    return texts


@pytest.fixture(scope="module")
def chinese(played: Played) -> dict[str, str]:
    return rendered(played.source.state, "zh-TW")


@pytest.fixture(scope="module")
def english(played: Played) -> dict[str, str]:
    return rendered(played.source.state, "en")


@pytest.fixture(scope="module")
def drilled() -> ExerciseState:
    """`exercise drill`'s script: actions logged, an ad hoc inject, a saved improvement plan."""
    store = MemoryEventStore(clock=lambda: T0)
    play_exercise(store)
    return session_state(store, SESSION_ID)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_chinese_report_has_no_english_left(played: Played, chinese: dict[str, str],
                                                fmt: str) -> None:
    state = played.source.state
    allowed = pack_names(state.pack) | typed_words(state)
    assert english_in(chinese[fmt], allowed) == []


def test_the_chinese_participants_table_names_each_sector_in_chinese(
        played: Played, chinese: dict[str, str], english: dict[str, str]) -> None:
    state = played.source.state
    report = build_report(state, "zh-TW", dates="2026-11-26")
    assert report.participants
    for participant in report.participants:
        agency = next(a for a in state.pack.agencies if localize(a.name, "zh-TW") == participant.agency)
        assert isinstance(agency.sector, dict)
        assert participant.sector == agency.sector["zh-TW"]
        for fmt in ("md", "docx"):
            assert agency.sector["zh-TW"] in chinese[fmt], fmt
            assert agency.sector["zh-TW"] not in english[fmt], fmt
        assert agency.sector["en"] in english["md"]


def test_a_plain_sector_of_an_older_pack_is_shown_as_written(played: Played) -> None:
    state = played.source.state
    agencies = [a.model_copy(update={"sector": "older plain sector"}) for a in state.pack.agencies]
    old = replace(state, pack=state.pack.model_copy(update={"agencies": agencies}))
    report = build_report(old, "zh-TW", dates="2026-11-26", graphs=False)
    assert report.participants
    assert {p.sector for p in report.participants} == {"older plain sector"}


def test_the_chinese_report_of_the_drill_has_no_english_left(drilled: ExerciseState) -> None:
    allowed = pack_names(drilled.pack) | typed_words(drilled)
    for fmt, text in rendered(drilled, "zh-TW").items():
        assert english_in(text, allowed) == [], fmt
    english = render_markdown(build_report(drilled, "en", graphs=False))
    assert chinese_left(english, drilled) == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_chinese_report_names_hazards_capabilities_and_feedback_in_chinese(
        chinese: dict[str, str], fmt: str) -> None:
    text = chinese[fmt].replace("\n", "")
    for words in ("颱風", "坡地崩塌", "作業通訊", "大規模照護服務", "演練結構完整",
                  "鄉（鎮、市、區）", "評核人員 1", "裝備"):
        assert words in text, (fmt, words)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_english_report_has_no_chinese_word(played: Played, english: dict[str, str],
                                                fmt: str) -> None:
    assert chinese_left(english[fmt], played.source.state) == []
    assert "Public Information and Warning" in english[fmt].replace("\n", " ")


def chinese_left(text: str, state: ExerciseState) -> list[str]:
    """The Chinese characters of `text` that are none of the pack's own Chinese."""
    names = " ".join(_zh_pack_texts(state.pack.model_dump(mode="json")))
    return [c for c in _CHINESE.findall(text) if c not in names]


def _zh_pack_texts(value: object) -> list[str]:
    """The pack's own Chinese (a pack may name a source or an agency in Chinese only)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for key, item in value.items() if key != "en" for t in _zh_pack_texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _zh_pack_texts(item)]
    return []


def test_every_domain_code_has_a_name_in_both_languages() -> None:
    keys = [f"aar.hazard.{h.value}" for h in Hazard]
    keys += [f"aar.level.{level.value}" for level in AgencyLevel]
    keys += [f"aar.capability.{slug(english)}" for english, _ in CORE_CAPABILITIES]
    keys += [f"aar.element.{e.lower()}" for e in CAPABILITY_ELEMENTS]
    keys += [f"aar.hotwash.{k}" for k in HOT_WASH_TAGS]
    keys += [f"aar.request.{k}" for k in REQUEST_STATES]
    keys += [f"aar.actor.{k}" for k in ACTORS]
    keys += [f"aar.role.{k.lower()}" for k in FEEDBACK_ROLES]
    keys += [f"aar.priority.{k.lower()}" for k in PRIORITIES]
    keys += [f"feedback.statement.{k}" for k in FEEDBACK_STATEMENTS]
    for lang in ("en", "zh-TW"):
        assert [k for k in keys if k not in catalogue(lang)] == [], lang
    chinese = dict(CORE_CAPABILITIES)
    for english, _ in CORE_CAPABILITIES:
        assert catalogue("en")[f"aar.capability.{slug(english)}"] == english
        assert catalogue("zh-TW")[f"aar.capability.{slug(english)}"] == chinese[english]
    for key, english in FEEDBACK_STATEMENTS.items():  # the English report prints them as the form
        assert catalogue("en")[f"feedback.statement.{key}"] == english


def _no_font(report: object) -> bytes:
    raise FontMissing("no Chinese font found for the PDF")


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_report_that_cannot_be_made_says_why_in_the_reports_language(
        played: Played, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setitem(export._REPORTS, "pdf", (__name__, "_no_font", "application/pdf"))
    with pytest.raises(export.ExportError) as caught:
        export.render(played.source, "pdf", lang)
    reason = str(caught.value)
    if lang == "zh-TW":
        assert "無法產生 PDF 版報告" in reason and "fonts-noto-cjk" in reason
        assert english_left(reason) == []
    else:
        assert reason.startswith("the PDF report cannot be made: no Chinese font found")
        assert _CHINESE.search(reason) is None


def test_a_session_named_after_its_pack_is_called_by_the_title_in_the_reports_language(
        played: Played) -> None:
    state = played.source.state
    assert state.name == "Example: typhoon over a mountain township"  # the default, in English
    assert build_report(state, "zh-TW", graphs=False).overview.name == "範例：颱風侵襲山區鄉鎮"
    assert build_report(state, "en", graphs=False).overview.name == state.name


def test_the_classroom_comparison_reads_as_chinese(played: Played) -> None:
    state = played.source.state
    text = "\n".join(comparison_lines(compare_sessions([state, state], "zh-TW"), "zh-TW"))
    assert english_left(text, allowed=pack_names(state.pack)) == []
    assert "已發布狀況" in text and "差異：" in text
    header, first = text.splitlines()[2:4]
    assert _starts(header) == _starts(first)  # columns line up on a terminal


def _starts(line: str) -> list[int]:
    """The terminal columns where each cell starts (cells are two or more spaces apart; a
    Chinese character takes two columns)."""
    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)

    return [width(line[:m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]


SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_pack_reports_in_chinese_without_english(path: Path) -> None:
    """Two tables share the pack's agencies and the clock runs past the last inject: the
    pack's hazards, levels, capabilities, injects and outages all reach the report."""
    loaded = load_pack(str(path))
    assert loaded.pack is not None, loaded.problems
    agencies = [a.id for a in loaded.pack.agencies]
    half = max(1, len(agencies) // 2)
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, loaded.text, now=T0, tables=[
        TableSpec("A", tuple(agencies[:half])), TableSpec("B", tuple(agencies[half:]))])
    facilitation.start_clock(store, codes.facilitator, speed=60, now=wall(0))
    tick(store, codes.session_id, wall(600))
    state = session_state(store, codes.session_id)
    chinese = render_markdown(build_report(state, "zh-TW", graphs=False))
    assert english_in(chinese, pack_names(state.pack) | typed_words(state)) == []
    english = render_markdown(build_report(state, "en", graphs=False))
    assert chinese_left(english, state) == []
