"""Why the app cannot be served as asked: a catalogue key (exercise/locales/serving.*.json)
and its values; the command line turns it into a sentence."""

from __future__ import annotations


class ServingError(Exception):
    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values
