"""Why a message failed, in the reader's language. The log keeps the reason in the language of
the moment it failed; a page in another language works the reason out again from the world at
that minute (the same world, so the same cause and the same channels that still worked)."""

from __future__ import annotations

from exercise.conduct.messaging import check_channel
from exercise.conduct.records import Message
from exercise.conduct.state import ExerciseState


def failure_reason(state: ExerciseState, message: Message, lang: str) -> str:
    if message.status != "failed":
        return ""
    at = message.deliver_at if message.deliver_at is not None else message.scenario_minute
    try:
        verdict = check_channel(state.world, message.channel, message.sender, message.receiver,
                                at, lang)
    except KeyError:  # a channel or agency the pack no longer names: what was recorded
        return message.failure
    return verdict.reason or message.failure
