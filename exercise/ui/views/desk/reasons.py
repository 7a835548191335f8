"""Why a message failed, in the reader's language: `conduct.messaging.failure_reason` (the log
keeps the sentence of the moment; the page makes it again from the world at that minute)."""

from __future__ import annotations

from exercise.conduct import messaging
from exercise.conduct.records import Message
from exercise.conduct.state import ExerciseState


def failure_reason(state: ExerciseState, message: Message, lang: str) -> str:
    return messaging.failure_reason(state.world, message, lang)
