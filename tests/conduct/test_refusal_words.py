"""Issue #15 item 3: a refused command says why in the reader's language. The domain raises a
catalogue key and values (exercise/conduct/errors.py); `str(error)` stays the English sentence
and `refusal(error, t)` makes it in the reader's language from the one catalogue."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.errors import (
    AccessDenied,
    ConductError,
    NotAllowedNow,
    NotFound,
    doing,
    field_name,
    refusal,
)
from exercise.conduct.reading import parse_pack
from exercise.conduct.sessions import add_access, revoke_access
from exercise.conduct.transfer import read_lines
from exercise.i18n import catalogue, placeholders, translator
from tests.words_check import english_left, pack_names

from .conftest import EXAMPLE, Run, wall

ROOT = Path(__file__).resolve().parents[2]
RAISERS = {"ConductError", "AccessDenied", "NotFound", "NotAllowedNow", "NoAgencyLine", "Phrase"}
ZH = translator("zh-TW")
PACK_WORDS = pack_names(parse_pack(EXAMPLE.read_text(encoding="utf-8")))  # ids kept as written


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted((ROOT / "exercise").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _raised() -> list[tuple[str, str, set[str]]]:
    """(where, key, names of the values given) of every refusal made in the product's code."""
    found = []
    for where, call in _calls():
        if _name(call) not in RAISERS or not call.args:
            continue
        first = call.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)
                and first.value.startswith("refusal.")):
            continue
        names = {k.arg for k in call.keywords if k.arg}
        if len(call.args) > 1 and isinstance(call.args[1], ast.Dict):  # Phrase(key, {...})
            names |= {k.value for k in call.args[1].keys if isinstance(k, ast.Constant)}
        found.append((where, first.value, names))
    return found


RAISED = _raised()


def test_refusals_are_raised_by_key_across_the_domain() -> None:
    files = {where.split(":")[0] for where, _, _ in RAISED}
    assert len(RAISED) >= 100
    assert {"exercise/conduct/access.py", "exercise/conduct/play.py",
            "exercise/conduct/facilitation.py", "exercise/conduct/transfer.py"} <= files


@pytest.mark.parametrize(("where", "key", "names"), RAISED, ids=[w for w, _, _ in RAISED])
def test_every_key_raised_is_in_both_languages_with_the_values_it_is_given(
        where: str, key: str, names: set[str]) -> None:
    english, chinese = catalogue("en").get(key), catalogue("zh-TW").get(key)
    assert english is not None and chinese is not None, f"{where}: {key} missing"
    assert placeholders(english) <= names, f"{where}: {key} is given {names}"
    assert placeholders(chinese) <= names, f"{where}: {key} is given {names}"


def test_every_refusal_sentence_has_the_same_values_in_both_languages() -> None:
    english, chinese = catalogue("en"), catalogue("zh-TW")
    ours = {key for key in english if key.startswith("refusal.")}
    assert ours == {key for key in chinese if key.startswith("refusal.")}
    assert [key for key in ours if placeholders(english[key]) != placeholders(chinese[key])] == []


def test_no_chinese_refusal_keeps_english_words() -> None:
    """Only the values (ids, names, what people typed) and commands in backticks stay as written."""
    for key, text in catalogue("zh-TW").items():
        if key.startswith("refusal."):
            words = re.sub(r"`[^`]*`", " ", re.sub(r"\{[^}]*\}", " ", text))
            assert english_left(words) == [], f"{key}: {text}"


def test_a_list_of_codes_is_worded_in_chinese_and_kept_in_english(run: Run) -> None:
    facilitation.start_clock(run.store, run.fac, speed=10.0, now=wall(0))
    with pytest.raises(ConductError) as caught:
        facilitation.set_player_clock(run.store, run.fac, "sundial", now=wall(1))
    assert str(caught.value) == ("'sundial' is not a way to show the clock; use both, time_of_day, "
                                 "elapsed")
    assert refusal(caught.value, ZH) == (
        "「sundial」不是時鐘的顯示方式；請選擇日期時刻與 T+、僅日期時刻、僅 T+。")


def _constants(call: ast.Call, position: int, keyword: str) -> list[str]:
    args = [k.value for k in call.keywords if k.arg == keyword]
    if len(call.args) > position:
        args.append(call.args[position])
    return [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def _doings() -> set[str]:
    """Every English phrase a command names itself by when it checks who may do it."""
    positions = {"_facilitator": 3, "_evaluator": 3, "_table": 4, "require_agency": 1, "playing": 0,
                 "require": 99}
    found = {"hold injects", "skip injects"}  # f"{verb} injects" in facilitation._hold
    for _, call in _calls():
        if _name(call) in positions:
            found.update(_constants(call, positions[_name(call)], "doing"))
    return found


def _fields() -> set[str]:
    found = {"one of the strengths", "one of the improvements"}  # evaluation._texts
    for _, call in _calls():
        if _name(call) == "check_text":
            found.update(_constants(call, 1, "what"))
    return found


@pytest.mark.parametrize("phrase", sorted(_doings()))
def test_every_command_is_named_in_chinese_when_it_is_refused(phrase: str) -> None:
    assert doing(phrase).key in catalogue("zh-TW"), phrase
    assert not english_left(ZH(doing(phrase).key))


@pytest.mark.parametrize("phrase", sorted(_fields()))
def test_every_text_field_is_named_in_chinese_when_it_is_refused(phrase: str) -> None:
    assert field_name(phrase).key in catalogue("zh-TW"), phrase
    assert not english_left(ZH(field_name(phrase).key))


def _early_ack(run: Run) -> None:
    play.acknowledge(run.store, run.table("Township"), "township-eoc", "I-01", now=wall(0))


def _for_another_agency(run: Run) -> None:
    play.log_action(run.store, run.table("Township"), "county-eoc", "Sandbags out", now=wall(5))


def _send_after_the_end(run: Run) -> None:
    facilitation.end_session(run.store, run.fac, now=wall(30))
    play.send_message(run.store, run.table("Township"), "township-eoc", "county-eoc", "phone", "hi",
                      now=wall(31))


def _table_starts_the_clock(run: Run) -> None:
    facilitation.pause(run.store, run.table("Village"), now=wall(5))


def _observer_feedback(run: Run) -> None:
    evaluation.submit_feedback(run.store, run.codes.observer, {}, now=wall(5))


def _feedback_as_another(run: Run) -> None:
    evaluation.submit_feedback(run.store, run.table("Township"), {}, role="Facilitator", now=wall(5))


def _revoked(run: Run) -> None:
    code = add_access(run.store, run.fac, "observer", "spare")
    grant = [g for g in run.store.grants(run.sid) if g.label == "spare"][0]
    revoke_access(run.store, run.fac, grant.token_hash)
    play.log_action(run.store, code, "township-eoc", "x", now=wall(5))


def _release_twice(run: Run) -> None:
    facilitation.release_now(run.store, run.fac, "I-01", now=wall(5))
    facilitation.release_now(run.store, run.fac, "I-01", now=wall(6))


def _empty_action(run: Run) -> None:
    play.log_action(run.store, run.table("Township"), "township-eoc", "   ", now=wall(5))


def _unknown_inject(run: Run) -> None:
    facilitation.hold(run.store, run.fac, "I-99", now=wall(5))


def _move_back(run: Run) -> None:
    facilitation.jump_to_time(run.store, run.fac, "T+00:00", now=wall(50))


def _unreadable_time(run: Run) -> None:
    facilitation.jump_to_time(run.store, run.fac, "soon", now=wall(5))


def _unknown_request(run: Run) -> None:
    play.answer_request(run.store, run.table("Village"), "RQ-nope", 1, now=wall(5))


def _bad_quantity(run: Run) -> None:
    play.request_resource(run.store, run.table("Township"), "township-eoc", "county-eoc",
                          "cell-truck", 0, now=wall(5))


def _bad_rating(run: Run) -> None:
    evaluation.record_rating(run.store, run.evaluator, "OBJ-1", "Public Information and Warning", "A",
                             "so so", now=wall(5))


def _broken_export(run: Run) -> None:
    read_lines(["{\"format\": \"other\"}"], source="old.jsonl")


# (how the refusal is met, the error, whether the clock is started first, a word of the Chinese)
REFUSALS: dict[str, tuple[Callable[[Run], Any], type[ConductError], str]] = {
    "acknowledging before the clock starts": (_early_ack, NotAllowedNow, "演練尚未開始"),
    "a table code acting for another agency": (_for_another_agency, AccessDenied, "不能代"),
    "sending after the end": (_send_after_the_end, NotAllowedNow, "演練已結束"),
    "a table code pausing the clock": (_table_starts_the_clock, AccessDenied, "只有引導人可以暫停時鐘"),
    "the observer code submitting feedback": (_observer_feedback, AccessDenied, "回饋表"),
    "a table submitting as the facilitator": (_feedback_as_another, AccessDenied, "桌次「Township」"),
    "a revoked code": (_revoked, AccessDenied, "撤銷"),
    "releasing an inject twice": (_release_twice, NotAllowedNow, "已於"),
    "an empty action": (_empty_action, ConductError, "行動紀錄是空的"),
    "an unknown inject": (_unknown_inject, NotFound, "I-99"),
    "moving the clock back": (_move_back, ConductError, "時鐘只能往前走"),
    "a time that cannot be read": (_unreadable_time, ConductError, "「soon」無法解讀"),
    "answering a request that does not exist": (_unknown_request, NotFound, "RQ-nope"),
    "asking for nothing": (_bad_quantity, ConductError, "必須介於 1 到"),
    "a rating that is not P, S, M or U": (_bad_rating, ConductError, "評等須為"),
    "an export that is not one": (_broken_export, ConductError, "old.jsonl"),
}
NOT_STARTED = {"acknowledging before the clock starts", "an export that is not one"}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_command_reads_in_chinese(case: str, run: Run) -> None:
    make, kind, word = REFUSALS[case]
    if case not in NOT_STARTED:
        facilitation.start_clock(run.store, run.fac, speed=10.0, now=wall(0))
    with pytest.raises(kind) as caught:
        make(run)
    chinese = refusal(caught.value, ZH)
    assert word in chinese
    assert not english_left(chinese, PACK_WORDS), chinese
    assert refusal(caught.value, translator("en")) == str(caught.value)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))  # English stays English


def test_the_english_sentences_are_kept_word_for_word(run: Run) -> None:
    with pytest.raises(NotAllowedNow) as early:
        _early_ack(run)
    assert str(early.value) == ("the exercise has not started yet; you can acknowledge injects "
                                "once the facilitator starts the clock")
    facilitation.start_clock(run.store, run.fac, speed=10.0, now=wall(0))
    with pytest.raises(AccessDenied) as other:
        _for_another_agency(run)
    assert str(other.value) == ("your table plays township-eoc, not county-eoc; you cannot log "
                                "actions for county-eoc")
    with pytest.raises(AccessDenied) as pausing:
        _table_starts_the_clock(run)
    assert str(pausing.value) == ("only the facilitator can pause the clock; your code is for the "
                                  "table 'Village' (upper-village, red-cross, telecom)")
    assert refusal(pausing.value, ZH) == (
        "只有引導人可以暫停時鐘；您的代碼屬於桌次「Village」（upper-village、red-cross、telecom）。")


def test_a_sentence_given_as_written_is_shown_as_written() -> None:
    error = ConductError("pack 'x' is broken; fix it")
    assert str(error) == refusal(error, ZH) == "pack 'x' is broken; fix it"
    assert refusal(ValueError("plain"), ZH) == "plain"
