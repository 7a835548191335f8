"""A small pack that plays well by every rule of the design doctor, and ways to break it.

Three agencies, each receiving two of six injects; one module of 600 scenario minutes for 60
real minutes (10x fits); a daytime clock; a mobile outage in the south that kills the contact
the fifth inject expects; every channel depends on a system; every inject has actions.
"""

from __future__ import annotations

from exercise.design.doctor import Diagnosis, diagnose
from exercise.design.positions import yaml_positions
from exercise.scenario.loader import load_pack_text

GOOD = """\
format_version: 1
metadata:
  id: doctor-good
  title: {en: Doctor test, zh-TW: 檢查測試}
  hazards: [flood]
  setting: A county with two areas
  languages: [en, zh-TW]
  summary: A pack that plays well.
  duration: 60
  scenario_start: {en: "Day 1, 08:00 local time", zh-TW: 第1天08:00}
objectives:
  - id: OBJ-1
    title: Warn the village
    core_capabilities: [Public Information and Warning, "Public Health, Healthcare, and Emergency Medical Services"]
areas:
  - {id: north, name: North}
  - {id: south, name: South}
agencies:
  - {id: eoc, name: County EOC, level: local, sector: emergency management, area: north}
  - {id: fire, name: Fire Bureau, level: local, sector: fire, area: north}
  - {id: village, name: Village office, level: community, sector: administration, area: south}
actors:
  - {id: mayor, name: Mayor}
  - {id: weather, name: Weather service}
infrastructure:
  - {id: power, name: Power, kind: power}
  - id: mobile
    name: Mobile network
    kind: mobile
    depends_on: [{system: power, backup: 60}]
  - id: landline
    name: Landline
    kind: landline
    depends_on: [{system: power, backup: 600}]
channels:
  - {id: phone, kind: landline, depends_on: [landline]}
  - {id: cell, kind: mobile, depends_on: [mobile]}
links:
  - {from: eoc, to: fire, channels: [phone, cell]}
  - {from: eoc, to: village, channels: [cell, phone]}
  - {from: fire, to: village, channels: [cell]}
modules:
  - id: M1
    title: The rain
    start: 0
    end: T+10:00
    situation: Heavy rain all day.
injects:
  - id: I-01
    module: M1
    time: T+00:00
    from: mayor
    to: [eoc]
    type: decision
    title: Open the EOC?
    message: {en: "The mayor asks whether to open the EOC at level 2 by 09:00.", zh-TW: 市長詢問是否於09:00前二級開設。}
    expected_actions: [Decide and tell the agencies]
    expected_contacts: [eoc -> fire]
    options:
      - {id: open, label: Open}
      - {id: wait, label: Wait}
  - id: I-02
    module: M1
    time: T+01:00
    from: weather
    to: [fire]
    title: Rain forecast
    message: Heavy rain until 18:00.
    expected_actions: [Pre-position pumps]
  - id: I-03
    module: M1
    time: T+02:00
    from: weather
    to: [village]
    title: River rising
    message: The river will pass the warning level around 12:00.
    expected_actions: [Warn residents]
  - id: I-04
    module: M1
    time: T+03:00
    from: weather
    to: [eoc]
    type: infrastructure
    title: Substation flooded
    message: The southern substation is flooded; mobile sites run on batteries.
    expected_actions: [Plan for the loss of mobile service]
    effects:
      - {system: power, area: south, status: down, reason: Substation flooded}
  - id: I-05
    module: M1
    time: T+05:00
    from: weather
    to: [fire]
    title: Rescue request
    message: Residents on roofs in the south; rescue boats needed before dark.
    expected_actions: [Send boats]
    expected_contacts: [fire -> village]
  - id: I-06
    module: M1
    time: T+06:00
    from: mayor
    to: [village]
    channel: phone
    title: Evacuation status
    message: How many residents have left?
    expected_actions: [Report numbers]
"""


def pack_text(*replacements: tuple[str, str]) -> str:
    text = GOOD
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def run(text: str, plan: str | None = None, lang: str = "en") -> Diagnosis:
    result = load_pack_text(text, file="pack.yaml")
    assert result.ok, [str(p) for p in result.problems]
    return diagnose(result.pack, document=yaml_positions(text), file="pack.yaml", plan=plan,
                    lang=lang)


def codes(diagnosis: Diagnosis) -> list[str]:
    return [located.finding.code for located in diagnosis.findings]


def found(diagnosis: Diagnosis, code: str) -> list:  # type: ignore[type-arg]
    return [located for located in diagnosis.findings if located.finding.code == code]
