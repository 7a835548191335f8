"""The network engine and the messaging rules speak Traditional Chinese to a zh-TW reader: for
every shipped pack, the fragility findings, what-if labels, warning cascade, system, agency and
channel statuses and failed-message reasons keep no English word (ids, pack names and acronyms
aside), and a Latin name never runs into Chinese text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.conduct.messaging import check_channel
from exercise.network import phrases
from exercise.network.cascade import warning_cascade
from exercise.network.findings import fragility_findings, hub_of
from exercise.network.graph import planned_graph
from exercise.network.whatif import candidate_failures, what_if
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack
from exercise.scenario.models import ChannelKind, ScenarioPack, Status
from exercise.scenario.text import LANGUAGES
from exercise.scenario.time_of_day import ClockStart
from tests.words_check import english_left, pack_names

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
PACKS = sorted(SCENARIOS.glob("*.yaml"))
ZH = "zh-TW"
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff]"
GLUED = re.compile(rf"{CJK}[A-Za-z]|[A-Za-z]{CJK}")


def untranslated_pack_text(pack: ScenarioPack) -> list[str]:
    """The pack's own sentences that have no Chinese version (a reason written in English only):
    user text, shown as written."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            if set(value) <= set(LANGUAGES) and value and ZH not in value:
                found.extend(str(v) for v in value.values())
            elif not (set(value) <= set(LANGUAGES) and value):
                for item in value.values():
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(pack.model_dump(mode="json"))
    return sorted((text for text in found if " " in text), key=len, reverse=True)


def english_in(texts: list[str], pack: ScenarioPack) -> dict[str, list[str]]:
    allowed = pack_names(pack)
    kept = untranslated_pack_text(pack)
    found = {}
    for text in texts:
        plain = text
        for sentence in kept:
            plain = plain.replace(sentence, " ")
        left = english_left(plain, allowed)
        if left:
            found[text] = left
    return found


@cache
def engine_output(path: Path) -> dict[str, list[str]]:
    """Everything the engine says in zh-TW about one pack, by kind."""
    pack = load_pack(path).valid_pack
    world = WorldState.initial(pack)
    minutes = {0}
    for inject in pack.injects:
        for effect in inject.effects:
            world = world.apply(effect, int(inject.time), source=inject.id, lang=ZH)
            minutes.add(int(inject.time))
    for channel in pack.channels:
        minutes.update(int(period.start) for period in channel.congestion)
    last = max(minutes) + 360  # batteries behind the last failure have run out
    minutes.add(last)
    out: dict[str, list[str]] = {"findings": [f.text for f in fragility_findings(pack, ZH)],
                                 "status": [], "messaging": [], "cascade": [], "whatif": []}
    for at in sorted(minutes):
        for _, _, health in world.not_up(at):
            out["status"] += [reason.text for reason in health.reasons]
        for agency in pack.agencies:
            out["status"] += [reason.text for reason in world.agency_health(agency.id, at).reasons]
        for link in pack.links:
            for channel_id in link.channels:
                health = world.channel_health(channel_id, link.from_, link.to, at)
                out["status"] += [reason.text for reason in health.reasons]
                verdict = check_channel(world, channel_id, link.from_, link.to, at, ZH)
                if not verdict.usable:
                    out["messaging"].append(verdict.reason)
    hub = hub_of(planned_graph(pack))
    assert hub is not None
    kinds = sorted({pack.channel(c).kind.value for link in pack.links for c in link.channels})
    lost = [a.id for a in pack.agencies if a.id != hub][:1]
    for source in [hub, *(actor.id for actor in pack.actors)]:
        for cascade in (warning_cascade(world, source, last, ZH),
                        warning_cascade(world, source, last, ZH, kinds[:1], lost)):
            out["cascade"] += [why for reasons in cascade.unreachable.values() for why in reasons]
    every_kind: dict[str, int] = {}
    for failure in candidate_failures(world):  # each kind of failure, every channel kind
        if every_kind.get(failure.kind, 0) < (99 if failure.kind == "channel_kind" else 2):
            every_kind[failure.kind] = every_kind.get(failure.kind, 0) + 1
            out["whatif"].append(what_if(world, failure, last, hub, lang=ZH).label)
    return out


@pytest.mark.parametrize("path", PACKS, ids=[p.stem for p in PACKS])
@pytest.mark.parametrize("kind", ["findings", "whatif", "cascade", "status", "messaging"])
def test_the_engine_speaks_chinese_for_every_shipped_pack(path: Path, kind: str) -> None:
    pack = load_pack(path).valid_pack
    assert english_in(engine_output(path)[kind], pack) == {}


def test_the_packs_give_the_engine_something_to_say() -> None:
    said = {kind: sum(len(engine_output(p)[kind]) for p in PACKS)
            for kind in ("findings", "whatif", "cascade", "status", "messaging")}
    assert all(count > 0 for count in said.values()), said


def test_a_world_built_in_english_reads_in_chinese_for_a_chinese_reader() -> None:
    pack = load_pack(SCENARIOS / "example-typhoon-township.yaml").valid_pack
    injected = next(i for i in pack.injects if i.id == "I-06")  # grid power lost in the valley
    world = WorldState.initial(pack).apply(injected.effects[0], 180, source="I-06")
    verdict = check_channel(world, "mobile-phone", "township-eoc", "upper-village", 400, ZH)
    assert not verdict.usable
    assert verdict.reason.startswith("上游溪谷行動網路自第 1 天 12:00（T+06:00）起中斷（上游溪谷市電自第 1 天 09:00")
    assert verdict.reason.endswith("備援維持 3小時）——請改用鄉無線電或衛星電話")
    assert english_in([verdict.reason], pack) == {}


LATIN_NAME = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Za-z][a-z]{1,8}){0,2}", fullmatch=True)
CHINESE_NAME = st.from_regex(r"[\u4e00-\u9fff]{2,6}", fullmatch=True)
STARTS = st.none() | st.builds(ClockStart, st.integers(1, 3), st.integers(0, 1439))


@settings(max_examples=200, deadline=None)
@given(name=LATIN_NAME | CHINESE_NAME, place=LATIN_NAME | CHINESE_NAME,
       status=st.sampled_from([Status.degraded, Status.down]), since=st.integers(0, 5000),
       start=STARTS, reason=st.none() | CHINESE_NAME)
def test_a_latin_name_never_runs_into_chinese_text(name: str, place: str, status: Status, since: int,
                                                   start: ClockStart | None, reason: str | None) -> None:
    sentences = [phrases.system_status(name, status, place, since, ZH, start),
                 phrases.agency_status(name, status, since, ZH, start),
                 phrases.congested(name, status, place, since, ZH, start),
                 phrases.no_terminal(name, place, ZH)]
    if reason is not None:
        sentences = [phrases.with_reason(text, reason, ZH) for text in sentences]
    for text in sentences:
        assert GLUED.search(text) is None, text
        assert name in text, text
        assert place + name not in text or not place.isascii(), text  # two Latin names run together


def test_the_reported_run_on_is_gone_and_english_is_unchanged() -> None:
    assert phrases.system_status("Grid power", Status.down, "Xiulin", 0, ZH) == "Xiulin Grid power 自 T+00:00 起中斷"
    assert phrases.system_status("市電", Status.down, "秀林鄉", 0, ZH) == "秀林鄉市電自 T+00:00 起中斷"
    assert phrases.system_status("Grid power", Status.down, "Xiulin", 0) == "Grid power down in Xiulin since T+00:00"
    assert phrases.system_status("Grid power", Status.degraded, phrases.everywhere(), 60, "en",
                                 ClockStart(1, 360)) == "Grid power degraded everywhere since Day 1 07:00 (T+01:00)"


def test_every_channel_kind_has_a_chinese_name_and_keeps_its_english_one() -> None:
    for kind in ChannelKind:
        assert english_left(phrases.kind_name(kind.value, ZH)) == [], kind
        assert phrases.kind_name(kind.value) == kind.value  # English output as before
    assert phrases.kind_name("carrier_pigeon", ZH) == "carrier_pigeon"  # a kind not yet named
