"""Every validation rule: the message, its hint, its exact line:column, and all at once."""

from __future__ import annotations

import pytest

from exercise.scenario.problems import Severity
from tests.scenario.packtext import MINIMAL, broken, load, position, problems_at


def _line(anchor: str) -> int:
    return position(MINIMAL, anchor)[0]


# (rule, (old, new) replacements, anchor in the broken text, point inside the anchor,
#  words the message must contain, words the hint must contain)
RULES = [
    ("unknown parent area", [("parent: town}", "parent: twon}")], "twon}", None,
     "unknown area 'twon'", "did you mean 'town'?"),
    ("unknown agency area", [("sector: fire, area: town}", "sector: fire, area: tonw}")],
     "tonw}", None, "unknown area 'tonw'", "did you mean 'town'?"),
    ("unknown agency channel", [("channels: [sat]}", "channels: [satt]}")], "satt]", None,
     "unknown channel 'satt'", "did you mean 'sat'?"),
    ("unknown dependency", [("{system: power, backup: 180}", "{system: pwer, backup: 180}")],
     "pwer", None, "unknown infrastructure system 'pwer'", "did you mean 'power'?"),
    ("system depends on itself", [("{system: power, backup: 180}", "{system: mobile, backup: 180}")],
     "{system: mobile, backup: 180}", "mobile", "'mobile' cannot depend on itself", ""),
    ("dependency cycle",
     [("{id: power, name: Power, kind: power}",
       "{id: power, name: Power, kind: power, depends_on: [{system: mobile}]}")],
     "[{system: mobile}]", None, "depend on each other in a circle", "break the circle"),
    ("unknown channel dependency", [("depends_on: [mobile]}", "depends_on: [mobil]}")],
     "mobil]", None, "unknown infrastructure system 'mobil'", "did you mean 'mobile'?"),
    ("unknown link agency", [("to: port, channels: [phone]}", "to: prot, channels: [phone]}")],
     "prot,", None, "unknown agency 'prot'", "did you mean 'port'?"),
    ("link to itself", [("{from: eoc, to: port,", "{from: port, to: port,")],
     "to: port, channels: [phone]}", "port", "cannot join an agency to itself", ""),
    ("unknown link channel", [("[phone, radio]}", "[phone, raido]}")], "raido", None,
     "unknown channel 'raido'", "did you mean 'radio'?"),
    ("channel twice on a link", [("[phone, radio]}", "[phone, phone]}")], "[phone, phone]", None,
     "a channel is listed twice", ""),
    ("duplicate link",
     [("  - {from: eoc, to: port, channels: [phone]}\n",
       "  - {from: eoc, to: port, channels: [phone]}\n  - {from: port, to: eoc, channels: [radio]}\n")],
     "{from: port, to: eoc, channels: [radio]}", None, f"already linked (line {_line('{from: eoc, to: port')})",
     "list every channel of a pair on one link"),
    ("unknown resource agency", [("{agency: port, type: boat", "{agency: prt, type: boat")],
     "prt,", None, "unknown agency 'prt'", "did you mean 'port'?"),
    ("unknown resource type", [("{agency: port, type: boat", "{agency: port, type: bota")],
     "bota", None, "unknown resource type 'bota'", "did you mean 'boat'?"),
    ("module ends before it starts", [("end: T+02:00", "end: T+00:30")], "T+00:30", None,
     "the module ends (T+00:30) before it starts (T+01:00)", ""),
    ("two modules start together", [("start: T+01:00, end", "start: T+00:00, end")],
     "T+00:00, end", None,
     "two modules start at T+00:00", "give each module its own start time"),
    ("unknown module", [("module: M2", "module: M3")], "M3", None, "unknown module 'M3'",
     "declare the module first"),
    ("inject outside its module", [("time: T+00:05", "time: T+01:30")], "T+01:30", None,
     "outside its module 'M1' (T+00:00 to T+01:00)", "move the inject"),
    ("unknown sender", [("from: media", "from: medai")], "medai", None,
     "unknown agency or actor 'medai'", "did you mean 'media'?"),
    ("unknown recipient", [("to: [fire]", "to: [fier]")], "fier", None, "unknown agency 'fier'",
     "did you mean 'fire'?"),
    ("unknown inject channel", [("channel: radio", "channel: radoi")], "radoi", None,
     "unknown channel 'radoi'", "did you mean 'radio'?"),
    ("sender cannot use the channel",
     [("    from: eoc\n    to: [fire]", "    from: port\n    to: [fire]")],
     "channel: radio", "radio", "'port' has no 'radio' channel", "use one of phone"),
    ("unknown expected contact", [('"eoc -> port"', '"eoc -> porr"')], '"eoc -> porr"', None,
     "unknown agency 'porr'", "did you mean 'port'?"),
    ("unknown objective", [("objectives: [OBJ-1]", "objectives: [OBJ-2]")], "OBJ-2", None,
     "unknown objective 'OBJ-2'", "did you mean 'OBJ-1'?"),
    ("unknown critical task", [("critical_tasks: [CT-1]", "critical_tasks: [CT-2]")], "CT-2",
     None, "unknown critical task 'CT-2'", "did you mean 'CT-1'?"),
    ("unknown effect system", [("{system: power, area: harbour", "{system: powr, area: harbour")],
     "powr", None, "unknown infrastructure system 'powr'", "did you mean 'power'?"),
    ("unknown effect area", [("{system: power, area: harbour", "{system: power, area: harbor")],
     "harbor,", None, "unknown area 'harbor'", "did you mean 'harbour'?"),
    ("unknown effect agency", [("{agency: port, status", "{agency: porrt, status")], "porrt",
     None, "unknown agency 'porrt'", "did you mean 'port'?"),
    ("unknown inject in after", [("{after: I-1,", "{after: I-9,")], "I-9", None,
     "unknown inject 'I-9'", "did you mean"),
    ("unknown decision inject", [("{decision: I-2,", "{decision: I-7,")], "I-7", None,
     "unknown inject 'I-7'", "did you mean"),
    ("unknown option", [("option: hold}", "option: hodl}")], "hodl", None,
     "unknown option 'hodl'", "did you mean 'hold'?"),
    ("unknown deciding agency", [("option: hold}", "option: hold, by: fyre}")], "fyre", None,
     "unknown agency 'fyre'", "did you mean 'fire'?"),
    ("deciding agency does not receive the decision", [("option: hold}", "option: hold, by: eoc}")],
     "by: eoc}", "eoc", "'eoc' does not receive inject 'I-2', so this condition can never be met",
     "name one of its recipients: fire"),
    ("no_ack agency does not receive the inject",
     [("{after: I-1, delay: 5}", "{no_ack: I-2, by: T+01:05, agency: port}")], "agency: port}", "port",
     "'port' does not receive inject 'I-2'", "name one of its recipients: fire"),
    ("unknown no_contact agency",
     [("{after: I-1, delay: 5}", "{no_contact: [eoc, prot], by: T+01:05}")], "prot]", None,
     "unknown agency 'prot'", "did you mean 'port'?"),
    ("unknown no_ack inject and agency",
     [("{after: I-1, delay: 5}", "{no_ack: I-8, by: T+01:05, agency: ffire}")], "I-8", None,
     "unknown inject 'I-8'", "did you mean"),
    ("decision without options",
     [("    title: Reports\n", "    type: decision\n    title: Reports\n")],
     "id: I-1", None, "a decision inject needs at least two options", "add options"),
    ("condition cycle", [("    to: [eoc]\n    title: Reports\n",
                          "    to: [eoc]\n    conditions: [{after: I-3}]\n    title: Reports\n")],
     "[{after: I-3}]", None, "wait on each other, so none is ever released: I-1 -> I-3 -> I-1",
     "remove one of the conditions"),
    ("condition waits on itself", [("{after: I-1, delay: 5}", "{after: I-3, delay: 5}")],
     "    conditions:\n      - {decision", "- {decision", "I-3 -> I-3", ""),
    ("duplicate agency and actor id", [("{id: media, name: Media}", "{id: fire, name: Media}")],
     "{id: fire, name: Media}", "fire", f"the id 'fire' is used twice (first at line {_line('{id: fire, name: Fire')})",
     "give every entry its own id"),
    ("duplicate channel id", [("{id: sat, kind: satellite,", "{id: radio, kind: satellite,")],
     "{id: radio, kind: satellite,", "radio", "the id 'radio' is used twice", ""),
    ("duplicate inject id", [("  - id: I-3\n", "  - id: I-2\n")], "  - id: I-2\n    module: M2",
     "I-2", f"the id 'I-2' is used twice (first at line {_line('- id: I-2')})", ""),
    ("duplicate option id", [("{id: hold, label: Hold}", "{id: go, label: Hold}")],
     "{id: go, label: Hold}", "go", "the option id 'go' is used twice", ""),
    ("duplicate critical task id",
     [("      - {id: CT-1, title: Send the alert}\n",
       "      - {id: CT-1, title: Send the alert}\n      - {id: CT-1, title: Again}\n")],
     "{id: CT-1, title: Again}", "CT-1", "the critical task id 'CT-1' is used twice", ""),
    ("unknown top-level field", [("format_version: 1\n", "format_version: 1\ninjets: []\n")],
     "injets", None, "unknown field 'injets'", "did you mean 'injects'?"),
    ("unknown nested field", [("sector: fire, area: town}", "sector: fire, area: town, shortname: F}")],
     "shortname", None, "unknown field 'shortname'", "did you mean 'short_name'?"),
    ("unknown field in the second condition kind", [("delay: 5}", "dealy: 5}")], "dealy", None,
     "unknown field 'dealy'", "did you mean 'delay'?"),
    ("missing field", [("level: local, sector: fire, ", "level: local, ")],
     "{id: fire, name: Fire", None, "the field 'sector' is missing", ""),
    ("wrong type", [("quantity: 2}", "quantity: lots}")], "lots", None, "should be a whole number", ""),
    ("enum with did-you-mean", [("level: private", "level: privat")], "privat,", None,
     "'privat' is not one of", "did you mean 'private'?"),
    ("yes as an id", [("{id: go, label: Go}", "{id: yes, label: Go}")], "yes,", None,
     "should be text", "put the value in quotes"),
    ("number as an id", [("{id: town, name: Town}", "{id: 12, name: Town}")], "12,", None,
     "should be text", "YAML reads 12 as a number; put it in quotes"),
    ("bad time", [("time: T+00:10", "time: T+00:61")], "T+00:61", None,
     "minutes go from 00 to 59", ""),
    ("bad id characters", [("  - id: I-3\n", "  - id: I 3!\n")], "I 3!", None,
     "'I 3!' is not a valid id", "ids use letters, digits"),
    ("format version", [("format_version: 1", "format_version: 2")], "format_version: 2", "2",
     "format_version 2 is not supported", ""),
    ("required section without entries",
     [("areas:\n  - {id: town, name: Town}\n  - {id: harbour, name: Harbour, parent: town}\n",
       "areas: []\n")], "areas: []", "[]", "the section 'areas' needs at least 1 entry", ""),
    ("empty list section", [("actors:\n  - {id: media, name: Media}\n", "actors:\n")],
     "actors:\n", "\n", "this value is empty", "write [] for an empty list"),
]


@pytest.mark.parametrize("rule", RULES, ids=[r[0] for r in RULES])
def test_each_rule_is_reported_at_its_line_and_column(rule):
    _, changes, anchor, point, message, hint = rule
    text = broken(*changes)
    result = load(text)
    line, column = position(text, anchor, point)
    here = problems_at(result, line, column)
    assert any(message in p.message and hint in p.hint for p in here), (
        f"expected {message!r} at {line}:{column}; got:\n" + "\n".join(map(str, result.problems))
    )
    assert not result.ok and result.pack is None
    printed = [str(p) for p in here]
    assert any(s.startswith(f"pack.yaml:{line}:{column}: error: ") for s in printed)


def test_the_unbroken_pack_is_valid_without_warnings():
    result = load(MINIMAL)
    assert result.ok and result.errors == [] and result.warnings == []
    # its `level: local` gets advice only (which tier to write instead)
    assert {p.severity.value for p in result.problems} <= {"advice"}


def test_every_fault_in_one_file_is_reported_at_once():
    compatible = [r for r in RULES if r[0] not in {
        "link to itself", "channel twice on a link", "two modules start together",
        "module ends before it starts", "sender cannot use the channel", "unknown deciding agency",
        "unknown no_contact agency", "unknown no_ack inject and agency", "condition waits on itself",
        "duplicate link", "missing field", "system depends on itself", "unknown resource type",
        "unknown effect area", "dependency cycle", "bad time", "yes as an id", "unknown option",
        "required section without entries", "deciding agency does not receive the decision",
        "no_ack agency does not receive the inject", "unknown agency area", "unknown nested field",
        "duplicate option id", "number as an id", "duplicate inject id", "bad id characters",
        "condition cycle", "unknown inject in after", "unknown field in the second condition kind",
        "unknown module", "format version", "empty list section", "wrong type",
    }]
    text = broken(*[change for rule in compatible for change in rule[1]])
    result = load(text)
    assert len(compatible) >= 20
    for name, _, anchor, point, message, _hint in compatible:
        line, column = position(text, anchor, point)
        stem = message.split("(line")[0].split("(first at")[0]  # lines moved in this text
        assert any(stem in p.message for p in problems_at(result, line, column)), name
    lines = [p.line for p in result.errors]
    assert lines == sorted(lines), "problems are listed in file order"


def test_references_after_an_invalid_entry_point_at_the_right_entry():
    text = broken(("    time: T+00:10\n", "    time: T+00:61\n"),
                  ("to: [eoc]\n    title: Fire spreads", "to: [eco]\n    title: Fire spreads"))
    result = load(text)
    assert {(p.line, p.column, p.dotted_path) for p in result.errors} == {
        (*position(text, "T+00:61"), "injects[1].time"),
        (*position(text, "eco]"), "injects[2].to[0]"),
    }


def test_one_broken_agency_does_not_make_every_reference_to_it_an_error():
    text = broken(("{id: port, name: Port, level: private,", "{id: port, name: Port, level: privat,"))
    result = load(text)
    assert [p.message for p in result.errors] == [
        "'privat' is not one of 'national', 'regional', 'county', 'township', 'local', 'community', 'private', "
        "'ngo' or 'support'"
    ]


def test_missing_sections_are_all_named():
    result = load("format_version: 1\nmetadata: {id: x}\n")
    missing = {p.message: (p.line, p.column) for p in result.errors if "is missing" in p.message}
    assert missing == {
        **{f"the section {section!r} is missing": (1, 1)
           for section in ("areas", "agencies", "channels", "modules")},
        **{f"the field {name!r} is missing": (2, 11)
           for name in ("title", "hazards", "setting", "summary", "duration")},
    }


def test_missing_translation_is_a_warning_and_the_pack_still_loads():
    text = broken(("title: {en: Mini, zh-TW: 迷你}", "title: {en: Mini}"))
    result = load(text)
    assert result.ok and result.errors == []
    (warning,) = result.warnings
    assert warning.severity is Severity.warning
    assert "no zh-TW text here" in warning.message
    assert (warning.line, warning.column) == position(text, "{en: Mini}")


def test_contingency_without_condition_is_a_warning():
    text = broken(("    message: Buildings down\n", "    message: Buildings down\n    contingency: true\n"))
    result = load(text)
    assert result.ok
    (warning,) = result.warnings
    assert "contingency inject has no condition" in warning.message
    assert (warning.line, warning.column) == position(text, "true\n")


def test_one_way_and_two_way_links_may_join_the_same_pair():
    text = broken(("  - {from: eoc, to: port, channels: [phone]}\n",
                   "  - {from: eoc, to: port, channels: [phone]}\n"
                   "  - {from: port, to: eoc, channels: [radio], direction: one_way}\n"))
    assert load(text).ok


def test_two_one_way_links_in_the_same_direction_are_duplicates():
    text = broken(("  - {from: eoc, to: port, channels: [phone]}\n",
                   "  - {from: eoc, to: port, channels: [phone]}\n"
                   "  - {from: port, to: eoc, channels: [radio], direction: one_way}\n"
                   "  - {from: port, to: eoc, channels: [sat], direction: one_way}\n"))
    result = load(text)
    line = position(text, "{from: port, to: eoc, channels: [radio]")[0]
    assert [p.message for p in result.errors] == [f"port and eoc are already linked (line {line})"]
