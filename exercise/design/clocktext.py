"""Reading clock times and day phrases in free text, in English and Traditional Chinese (the
start and the times of day themselves are read by `exercise.scenario.time_of_day`)."""

from __future__ import annotations

import re

from exercise.scenario.time_of_day import (
    DAY_NUMBER,
    ClockMention,
    ClockStart,
    clock_times,
    read_start,
)

DAY_PHRASES_EN = ("tomorrow", "tonight", "this morning", "this afternoon", "this evening",
                  "overnight", "yesterday", "next morning", "next day", "before dark", "at dawn",
                  "before nightfall", "daylight", "at night", "in the night")
DAY_PHRASES_ZH = ("明天", "明日", "明早", "今晚", "今天晚上", "今早", "今天上午", "今天下午", "昨天",
                  "昨晚", "隔天", "翌日", "次日", "天黑前", "日落前", "天亮", "白天", "夜間", "凌晨",
                  "清晨", "傍晚", "深夜")

_TOMORROW = re.compile(r"tomorrow|next (?:day|morning)|overnight|明天|明日|明早|隔天|翌日|次日|隔日", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|has been|have been|since|ago|earlier|yesterday|last night|previous|"
    r"issued|reported|said|sent|went|came|began|rose|fell|hit|struck|broke|took|got)\b"
    r"|已|曾|昨|稍早|剛才|以來|發布的|才", re.I)
# A verb in the past just before the time: "the generator arrived at 19:00".
_PAST_VERB_BEFORE = re.compile(
    r"\b(?!(?:scheduled|planned|expected|needed|required|called|due|timed|fixed|set)\b)"
    r"[a-z]{3,}ed\b[^.;!?]{0,30}$", re.I)
_FUTURE_BEFORE_EN = re.compile(
    r"\b(?:at|by|from|before|until|till|around|about|for)\s+(?:the\s+|about\s+|around\s+)?$", re.I)
_FUTURE_BEFORE_ZH = re.compile(r"(?:將於|預計|預定|於|在|到|約|至)\s*$")
_FUTURE_AFTER_ZH = re.compile(r"^\s*(?:前|之前|以前|起|開始|召開|舉行|出發|抵達)")
_DAYLIGHT = re.compile(
    r"before dark|before nightfall|before sunset|in daylight|while it is light|while there is light|"
    r"天黑前|日落前|趁天亮|趁白天|天黑之前", re.I)
_SENTENCE_END = re.compile(r"[.!?;。！？；\n]")

__all__ = ["ClockMention", "ClockStart", "clock_times", "day_phrases", "daylight_phrases",
           "future_times", "read_start"]


_DAY_PHRASE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in DAY_PHRASES_EN) + r")\b|"
    + "|".join(re.escape(p) for p in DAY_PHRASES_ZH), re.I)


def day_phrases(text: str) -> list[str]:
    found = list(dict.fromkeys(m[0] for m in _DAY_PHRASE.finditer(text)))
    found += [m[0] for m in DAY_NUMBER.finditer(text)]
    return found


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]


def future_times(text: str) -> list[ClockMention]:
    """Clock times the text speaks of as still to come today: after 'at', 'by', 'from',
    'before'… (於、預計、…前、…起), in a sentence with no past tense and no 'tomorrow'."""
    found = []
    for mention in clock_times(text):
        before = text[max(0, mention.start - 14):mention.start]
        after = text[mention.end:mention.end + 4]
        cue = (_FUTURE_BEFORE_EN.search(before) or _FUTURE_BEFORE_ZH.search(before)
               or _FUTURE_AFTER_ZH.search(after))
        if not cue:
            continue
        sentence = _sentence(text, mention.start, mention.end)
        if _TOMORROW.search(sentence) or _PAST.search(sentence):
            continue
        if _PAST_VERB_BEFORE.search(text[max(0, mention.start - 40):mention.start]):
            continue
        found.append(mention)
    return found


def daylight_phrases(text: str) -> list[str]:
    return [m[0] for m in _DAYLIGHT.finditer(text)]
