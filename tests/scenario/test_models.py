"""The pack models on their own: texts, aliases, look-ups and the structural rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from exercise.scenario.loader import pack_from_data
from exercise.scenario.models import (
    AgencyEffect,
    Channel,
    DecisionChosen,
    ExpectedContact,
    InfrastructureEffect,
    Inject,
    Link,
    NoAcknowledgement,
    NoContact,
    Source,
)
from exercise.scenario.text import languages_of, localize
from exercise.scenario.timecode import MAX_MINUTES
from tests.scenario.packtext import MINIMAL, broken, load

INJECT = {"id": "I-1", "module": "M1", "time": "T+00:10", "from": "eoc", "to": ["fire"],
          "title": "T", "message": "M"}


def test_localize_prefers_the_language_then_english_then_any():
    assert localize({"en": "Evacuate", "zh-TW": "撤離"}, "zh-TW") == "撤離"
    assert localize({"en": "Evacuate"}, "zh-TW") == "Evacuate"
    assert localize({"zh-TW": "撤離"}, "en") == "撤離"
    assert localize("Plain", "zh-TW") == "Plain"
    assert localize(None) == ""
    assert languages_of("Plain") == {"en", "zh-TW"}
    assert languages_of({"zh-TW": "撤離"}) == {"zh-TW"}


@pytest.mark.parametrize(
    ("title", "says"),
    [
        ("   ", "is empty"),
        ({}, "no language given"),
        ({"fr": "Bonjour"}, "unknown language 'fr'; use one of en, zh-TW"),
        ({"en": 5}, "the en text is not text"),
        (["a"], "is not text"),
        ("x" * 20_001, "longer than 20000 characters"),
    ],
)
def test_bad_texts_are_refused_with_a_reason(title, says):
    with pytest.raises(ValidationError) as caught:
        Inject.model_validate({**INJECT, "title": title})
    assert says in str(caught.value)


def test_texts_are_stripped():
    assert Inject.model_validate({**INJECT, "title": {"en": "  Fire  "}}).title == {"en": "Fire"}


def test_from_is_written_from_in_yaml_and_read_as_from_():
    link = Link.model_validate({"from": "a", "to": "b", "channels": ["phone"]})
    assert (link.from_, link.direction.value, link.basis.value) == ("a", "both", "sop")
    assert link.model_dump(by_alias=True)["from"] == "a"


@pytest.mark.parametrize("written", ["eoc -> fire", ["eoc", "fire"], {"from": "eoc", "to": "fire"}])
def test_expected_contact_has_three_spellings(written):
    contact = ExpectedContact.model_validate(written)
    assert (contact.from_, contact.to) == ("eoc", "fire")


def test_effects_and_conditions_are_told_apart_by_their_keys():
    inject = Inject.model_validate({
        **INJECT,
        "effects": [{"system": "power", "status": "down"}, {"agency": "eoc", "status": "down"}],
        "conditions": [{"decision": "I-0", "option": "go"}, {"no_contact": ["a", "b"], "by": 30},
                       {"no_ack": "I-0", "by": "T+00:20"}],
    })
    assert [type(e) for e in inject.effects] == [InfrastructureEffect, AgencyEffect]
    assert [type(c) for c in inject.conditions] == [DecisionChosen, NoContact, NoAcknowledgement]
    assert inject.conditions[2].by == 20


def test_a_condition_without_a_known_key_says_which_keys_exist():
    with pytest.raises(ValidationError) as caught:
        Inject.model_validate({**INJECT, "conditions": [{"when": "later"}]})
    assert "a condition needs one of the keys after, decision, no_contact, no_ack" in str(caught.value)


def test_no_contact_names_exactly_two_agencies():
    with pytest.raises(ValidationError):
        NoContact.model_validate({"no_contact": ["a"], "by": 10})


@pytest.mark.parametrize(("field", "value"), [("latency", -1), ("reliability", 1.5),
                                              ("kind", "pigeon")])
def test_channel_bounds(field, value):
    with pytest.raises(ValidationError):
        Channel.model_validate({"id": "c", "kind": "radio", field: value})


def test_a_source_url_must_be_http():
    with pytest.raises(ValidationError):
        Source.model_validate({"title": "x", "url": "javascript:alert(1)"})


def test_look_ups_windows_and_usable_channels():
    pack = load(MINIMAL).pack
    assert pack.agency("port").area == "harbour"
    assert pack.inject("I-2").options[1].id == "hold"
    assert pack.module_window("M1") == (0, 60)
    assert pack.module_window("M2") == (60, 120)
    assert pack.channels_usable_by("eoc") == ["sat", "phone", "radio"]
    assert pack.channels_usable_by("port") == ["phone"]
    assert pack.last_time() == 120
    assert pack.system("mobile").depends_on[0].backup == 180
    with pytest.raises(KeyError):
        pack.module_window("M9")


def test_the_last_module_runs_to_the_end_of_scenario_time():
    pack = load(broken(("end: T+02:00, ", ""))).pack
    assert pack.module_window("M2") == (60, MAX_MINUTES + 1)


def test_pack_from_data_validates_and_names_every_problem():
    data = load(MINIMAL).pack.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    assert pack_from_data(data).metadata.id == "mini"
    data["links"][0]["to"] = "nobody"
    data["injects"][0]["module"] = "M7"
    with pytest.raises(ValueError) as caught:
        pack_from_data(data)
    assert "unknown agency 'nobody'" in str(caught.value)
    assert "unknown module 'M7'" in str(caught.value)


def test_a_dumped_pack_loads_back_unchanged():
    pack = load(MINIMAL).pack
    again = pack_from_data(pack.model_dump(mode="json", by_alias=True))
    assert again == pack
