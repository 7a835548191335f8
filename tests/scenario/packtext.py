"""A small valid pack as YAML text, and helpers to break it and find where a fault sits."""

from __future__ import annotations

from exercise.scenario.loader import LoadResult, load_pack_text
from exercise.scenario.problems import Problem

MINIMAL = """\
format_version: 1
metadata:
  id: mini
  title: {en: Mini, zh-TW: 迷你}
  hazards: [earthquake]
  setting: A harbour town
  languages: [en, zh-TW]
  summary: A small pack for tests
  duration: 60
objectives:
  - id: OBJ-1
    title: Warn people
    core_capabilities: [Public Information and Warning]
    critical_tasks:
      - {id: CT-1, title: Send the alert}
areas:
  - {id: town, name: Town}
  - {id: harbour, name: Harbour, parent: town}
agencies:
  - {id: eoc, name: Town EOC, level: local, sector: emergency, area: town, channels: [sat]}
  - {id: fire, name: Fire, level: local, sector: fire, area: town}
  - {id: port, name: Port, level: private, sector: port, area: harbour}
actors:
  - {id: media, name: Media}
infrastructure:
  - {id: power, name: Power, kind: power}
  - id: mobile
    name: Mobile
    kind: mobile
    depends_on: [{system: power, backup: 180}]
channels:
  - {id: phone, kind: landline, independent_because: not part of this test}
  - {id: radio, kind: radio, independent_because: not part of this test}
  - {id: sat, kind: satellite, independent_because: own batteries}
  - {id: cell, kind: mobile, depends_on: [mobile]}
links:
  - {from: eoc, to: fire, channels: [phone, radio]}
  - {from: eoc, to: port, channels: [phone]}
resource_types:
  - {id: boat, name: Boat}
resources:
  - {agency: port, type: boat, quantity: 2}
modules:
  - {id: M1, title: Shaking, start: T+00:00, situation: It shakes}
  - {id: M2, title: Aftermath, start: T+01:00, end: T+02:00, situation: Fires}
injects:
  - id: I-1
    module: M1
    time: T+00:05
    from: media
    to: [eoc]
    title: Reports
    message: Buildings down
  - id: I-2
    module: M1
    time: T+00:10
    from: eoc
    to: [fire]
    channel: radio
    type: decision
    title: Send crews?
    message: Decide
    options:
      - {id: go, label: Go}
      - {id: hold, label: Hold}
  - id: I-3
    module: M2
    time: T+01:10
    from: fire
    to: [eoc]
    title: Fire spreads
    message: Help
    conditions:
      - {decision: I-2, option: hold}
      - {after: I-1, delay: 5}
    effects:
      - {system: power, area: harbour, status: down}
      - {agency: port, status: degraded}
    expected_contacts: ["eoc -> port"]
    objectives: [OBJ-1]
    critical_tasks: [CT-1]
"""


def broken(*changes: tuple[str, str], text: str = MINIMAL) -> str:
    """`text` with each (old, new) replaced once; fails loudly if `old` is not there."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new, 1)
    return text


def position(text: str, anchor: str, point: str | None = None) -> tuple[int, int]:
    """Line and column (1-based) of `point` inside the only occurrence of `anchor`."""
    assert text.count(anchor) == 1, f"{anchor!r} occurs {text.count(anchor)} times"
    index = text.index(anchor) + (anchor.index(point) if point else 0)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def load(text: str, file: str = "pack.yaml") -> LoadResult:
    return load_pack_text(text, file=file)


def problems_at(result: LoadResult, line: int, column: int) -> list[Problem]:
    return [p for p in result.problems if (p.line, p.column) == (line, column)]
