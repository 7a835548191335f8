"""A pack for the polling tests: the typhoon example with its injects replaced by a dense
timeline (one inject every scenario minute, some waiting on another inject or on an
acknowledgement that never comes), so a fast clock releases them all within seconds."""

from __future__ import annotations

import copy
from functools import cache

import yaml

from .scripted import EXAMPLE

INJECTS = 30


def planned_minute(number: int) -> int:
    return number  # I-01 at T+00:01 … I-30 at T+00:30


@cache
def rapid_pack_text() -> str:
    pack = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    first = next(i for i in pack["injects"] if i["id"] == "I-01")
    pack["metadata"]["id"] = "rapid-typhoon-township"
    injects = []
    for number in range(1, INJECTS + 1):
        inject = copy.deepcopy(first)
        inject["id"] = f"I-{number:02d}"
        inject["module"] = "M1"
        minute = planned_minute(number)
        inject["time"] = f"T+00:{minute:02d}"
        if number % 7 == 0:  # waits on the inject before it, exactly as long as planned
            inject["conditions"] = [{"after": f"I-{number - 1:02d}", "delay": 1}]
        elif number % 5 == 0:  # a contingency: nobody acknowledges the inject two before
            inject["contingency"] = True
            inject["conditions"] = [{"no_ack": f"I-{number - 2:02d}", "by": f"T+00:{minute:02d}"}]
        injects.append(inject)
    pack["injects"] = injects
    return yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)
