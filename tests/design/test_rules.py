"""Each rule of the design doctor fires on a pack crafted to break it and stays silent on a pack
that plays well (tests/design/packs.py)."""

from __future__ import annotations

import pytest

from exercise.design.findings import Severity
from tests.design.packs import GOOD, codes, found, pack_text, run

WARNING_CODES = {
    "load.busiest", "load.idle", "bite.never", "bite.no_outage", "bite.no_dependency",
    "coherence.contact_unplanned", "coherence.channel_down", "coherence.self_decision",
    "coherence.no_actions", "coherence.capability", "coherence.capability_unknown",
}


@pytest.fixture(scope="module")
def good():  # type: ignore[no-untyped-def]
    return run(GOOD)


def test_a_pack_that_plays_well_has_no_warning_and_no_advice_outside_shape_and_bite(good):
    assert good.count(Severity.error) == 0 and good.count(Severity.warning) == 0
    assert {c.split(".")[0] for c in codes(good)} <= {"shape", "bite"}
    assert not set(codes(good)) & {"bite.nothing", "bite.cut_off", "pacing.jumps", "pacing.hold",
                                   "clock.past", "clock.daylight", "clock.no_start", "load.few"}


# --- load ----------------------------------------------------------------------------------

def test_one_table_receiving_most_injects_is_a_warning_at_its_agency():
    text = pack_text(("to: [fire]\n    title: Rain", "to: [eoc]\n    title: Rain"),
                     ("to: [village]\n    title: River", "to: [eoc]\n    title: River"))
    diagnosis = run(text)
    [busiest] = found(diagnosis, "load.busiest")
    assert busiest.finding.params["table"] == "County EOC"
    assert busiest.finding.params["received"] == 4 and busiest.finding.params["share"] == 67
    assert text.splitlines()[busiest.line - 1].strip().startswith("- {id: eoc")
    report = diagnosis.loads[0]
    assert report.received == {"eoc": 4, "fire": 1, "village": 1}
    assert report.sent == {"eoc": 0, "fire": 0, "village": 0}


def test_a_table_with_no_inject_sits_idle():
    text = pack_text(("to: [village]\n    title: River", "to: [fire]\n    title: River"),
                     ("to: [village]\n    channel: phone", "to: [eoc]\n    channel: phone"))
    [idle] = found(run(text), "load.idle")
    assert idle.finding.params["table"] == "Village office"
    assert idle.finding.severity is Severity.warning


def test_load_per_module_counts_each_tables_injects(good):
    [report] = good.loads
    assert {t.table: t.per_module for t in report.tables} == {
        "eoc": {"M1": 2}, "fire": {"M1": 2}, "village": {"M1": 2}}
    assert all(round(t.share, 2) == 0.33 for t in report.tables)


# --- pacing --------------------------------------------------------------------------------

def test_a_module_no_offered_speed_fits_advises_facilitator_paced_play():
    diagnosis = run(pack_text(("end: T+10:00", "end: T+50:00")))
    [jumps] = found(diagnosis, "pacing.jumps")
    assert jumps.finding.params["speed"] == 50.0 and jumps.finding.severity is Severity.advice
    [pace] = diagnosis.paces
    assert pace.fitting is None and pace.scenario_minutes == 3000


def test_a_module_too_short_for_its_real_minutes_advises_holding_the_clock():
    diagnosis = run(pack_text(("duration: 60", "duration: 1200")))  # 600 scenario minutes
    [hold] = found(diagnosis, "pacing.hold")
    assert hold.finding.params["speed"] == 0.5
    assert "pacing.hold" not in codes(run(pack_text(("duration: 60", "duration: 900"))))  # 1x fits


def test_pacing_reports_reading_load_in_both_languages(good):
    [pace] = good.paces
    assert pace.fitting == 10 and pace.injects == 6
    assert pace.words > 40 and pace.characters >= 10


# --- clock ---------------------------------------------------------------------------------

def test_a_time_spoken_of_as_to_come_but_already_past_is_flagged():
    diagnosis = run(pack_text(("Heavy rain until 18:00.", "The briefing starts at 07:30.")))
    [past] = found(diagnosis, "clock.past")
    assert past.finding.params == {"inject": "I-02", "day": 1, "clock": "09:00",
                                   "time": "T+01:00", "mentioned": "07:30"}


def test_times_in_the_past_tense_or_tomorrow_are_not_flagged():
    text = pack_text(("Heavy rain until 18:00.",
                      "The generator arrived at 06:00. The crest comes at 07:00 tomorrow."),
                     ("How many residents have left?", "The alert was sent at 10:00."))
    assert "clock.past" not in codes(run(text))


def test_daylight_spoken_of_at_night_is_flagged_in_either_language():
    text = pack_text(("end: T+10:00", "end: T+14:00"), ("time: T+06:00", "time: T+13:00"),
                     ("message: How many residents have left?",
                      "message: {en: How many have left?, zh-TW: 請於天黑前回報撤離人數。}"))
    flagged = {f.finding.params["inject"]: f.finding.params for f in found(run(text), "clock.daylight")}
    assert list(flagged) == ["I-06"]
    assert flagged["I-06"]["clock"] == "21:00" and flagged["I-06"]["phrase"] == "天黑前"


def test_each_inject_gets_its_day_and_time_of_day_and_the_times_it_mentions(good):
    clocks = {c.inject: c for c in good.clocks}
    assert (clocks["I-01"].day, clocks["I-01"].minute_of_day) == (1, 8 * 60)
    assert "09:00" in clocks["I-01"].mentions
    assert "before dark" in clocks["I-05"].mentions


def test_a_start_that_is_no_time_of_day_is_advice_at_scenario_start():
    text = pack_text(('{en: "Day 1, 08:00 local time", zh-TW: 第1天08:00}', "the morning after"))
    [missing] = found(run(text), "clock.no_start")
    assert text.splitlines()[missing.line - 1].strip().startswith("scenario_start")


def test_a_pack_spanning_midnight_counts_days():
    text = pack_text(("end: T+10:00", "end: T+30:00"), ("time: T+06:00", "time: T+1d 02:00"))
    clocks = {c.inject: c for c in run(text).clocks}
    assert (clocks["I-06"].day, clocks["I-06"].minute_of_day) == (2, 10 * 60)


# --- failure bite --------------------------------------------------------------------------

def test_an_outage_that_kills_an_expected_contact_is_traced_with_its_cause(good):
    [outage] = good.bite.outages
    assert outage.inject == "I-04" and outage.at == 180
    assert {(a, b) for a, b, _ in outage.lost_links} == {("fire", "village"), ("village", "fire")}
    assert {minute for _, _, minute in outage.lost_links} == {240}  # batteries lasted 1 h
    [contact] = outage.contacts
    assert (contact.inject, contact.a, contact.b) == ("I-05", "fire", "village")
    assert any("batteries lasted 1 h" in cause for cause in contact.causes)


def test_an_outage_that_cuts_an_agency_off_from_the_hub_names_it_and_when():
    text = pack_text(("channels: [cell, phone]}", "channels: [cell]}"))
    [cut] = found(run(text), "bite.cut_off")
    assert cut.finding.params["cut_off"] == "Village office"
    assert cut.finding.params["when"] == "T+04:00" and cut.finding.params["hub"] == "County EOC"


def test_outages_that_never_break_an_expected_contact_are_a_warning():
    text = pack_text(("expected_contacts: [fire -> village]", "expected_contacts: [eoc -> fire]"))
    diagnosis = run(text)
    assert "bite.never" in codes(diagnosis)
    assert "bite.never" not in codes(run(GOOD))


def test_a_channel_that_depends_on_nothing_can_never_fail():
    text = pack_text(("  - {id: cell, kind: mobile, depends_on: [mobile]}",
                      "  - {id: cell, kind: mobile, depends_on: [mobile]}\n"
                      "  - {id: satphone, kind: satellite}"))
    [lone] = found(run(text), "bite.no_dependency")
    assert lone.finding.params == {"channel": "satphone", "kind": "satellite"}
    assert "satphone" in text.splitlines()[lone.line - 1]


def test_an_outage_after_the_last_inject_cuts_nothing_in_play():
    text = pack_text(("backup: 60", "backup: 6000"))
    assert "bite.nothing" in codes(run(text))


# --- coherence -----------------------------------------------------------------------------

def test_an_expected_contact_outside_the_contact_plan():
    text = pack_text(("  - {from: fire, to: village, channels: [cell]}\n", ""),
                     ("expected_contacts: [fire -> village]", "expected_contacts: [village -> fire]"))
    [unplanned] = found(run(text), "coherence.contact_unplanned")
    assert unplanned.finding.params == {"inject": "I-05", "from": "Village office", "to": "Fire Bureau"}
    assert "village -> fire" in text.splitlines()[unplanned.line - 1]


def test_an_inject_sent_over_a_channel_that_is_down_then():
    text = pack_text(("backup: 600", "backup: 60"))
    [down] = found(run(text), "coherence.channel_down")
    assert down.finding.params["inject"] == "I-06" and down.finding.params["to"] == "Village office"
    assert "Substation flooded" in down.finding.params["cause"]


def test_a_decision_an_agency_sends_to_itself():
    text = pack_text(("from: mayor\n    to: [eoc]\n    type: decision",
                      "from: eoc\n    to: [eoc]\n    type: decision"))
    [self_decision] = found(run(text), "coherence.self_decision")
    assert self_decision.finding.params == {"inject": "I-01", "agency": "County EOC"}


def test_an_inject_without_expected_actions():
    text = pack_text(("    expected_actions: [Report numbers]\n", ""))
    [missing] = found(run(text), "coherence.no_actions")
    assert missing.finding.params == {"inject": "I-06"}


def test_a_core_capability_split_by_an_unquoted_comma_gets_a_did_you_mean_in_both_languages():
    text = pack_text(('"Public Health, Healthcare, and Emergency Medical Services"',
                      "Public Health, Healthcare, and Emergency Medical Services"))
    split = found(run(text), "coherence.capability")
    assert [f.finding.params["name"] for f in split] == [
        "Public Health", "Healthcare", "and Emergency Medical Services"]
    for finding in split:
        assert finding.finding.params["suggestion_en"] == \
            "Public Health, Healthcare, and Emergency Medical Services"
        assert finding.finding.params["suggestion_zh"] == "公共衛生、醫療照護與緊急醫療服務"
    assert len({f.column for f in split}) == 3  # each fragment at its own column


def test_a_misspelt_core_capability_gets_the_nearest_name():
    text = pack_text(("[Public Information and Warning,", "[Public Informaton and Warnings,"))
    [typo] = found(run(text), "coherence.capability")
    assert typo.finding.params["suggestion_en"].split(" / ")[0] == "Public Information and Warning"


def test_a_capability_that_resembles_nothing_is_still_reported():
    text = pack_text(("[Public Information and Warning,", "[Juggling,"))
    assert [f.finding.params["name"] for f in found(run(text), "coherence.capability_unknown")] == ["Juggling"]


def test_a_text_saying_a_service_is_back_while_the_timeline_keeps_it_down():
    text = pack_text(("message: How many residents have left?",
                      "message: {en: Mobile service is restored in the south. How many have left?, "
                      "zh-TW: 南區行動通訊已恢復。請回報撤離人數。}"))
    [claim] = found(run(text), "coherence.not_restored")
    assert claim.finding.params["inject"] == "I-06" and claim.finding.params["kind"] == "mobile"
    assert "Substation flooded" in claim.finding.params["cause"]
    assert "coherence.not_restored" not in codes(run(GOOD))


def test_a_restoration_the_timeline_models_or_only_promises_is_not_flagged():
    promised = pack_text(("message: How many residents have left?",
                          "message: Mobile service will be restored once power is back."))
    assert "coherence.not_restored" not in codes(run(promised))
    modelled = pack_text(("message: How many residents have left?",
                          "message: Power is restored in the south.\n    effects:\n"
                          "      - {system: power, area: south, status: up}"))
    assert "coherence.not_restored" not in codes(run(modelled))
