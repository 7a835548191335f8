"""Whether a message between two agencies gets through a channel at a scenario minute, how long
it takes, and — when it does not — why, and which channels of that link still work.

The log records a failed message with the sentence of the moment (`MessageFailed.reason`, in the
sender's language), but everything the sentence says follows from what the message itself keeps:
its channel, its two agencies and the minute it failed. `failure_reason` makes the sentence again,
from the world at that minute, in the reader's language; the recorded sentence is shown only when
the pack no longer names the channel or the agencies (an old session, an edited pack).
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise.conduct.records import Message
from exercise.network.phrases import Lang, language, words
from exercise.network.world import Health, WorldState, effective_latency
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize


@dataclass(frozen=True)
class ChannelCheck:
    channel: str
    health: Health
    latency: float  # minutes; infinite when the channel is down
    reason: str = ""  # why it fails, with the channels to try instead
    suggestions: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.health.usable


def channel_name(pack: ScenarioPack, channel_id: str, lang: Lang = "en") -> str:
    channel = pack.channel(channel_id)
    return localize(channel.name, language(lang)) if channel.name else channel_id


def agency_name(pack: ScenarioPack, agency_id: str, lang: Lang = "en") -> str:
    agency = pack.agency(agency_id)
    return localize(agency.short_name or agency.name, language(lang))


def working_alternatives(world: WorldState, sender: str, receiver: str, at: int,
                         exclude: str) -> list[str]:
    """Channels that still work between the two: the planned link first, then any both share."""
    pack = world.pack
    found: dict[str, None] = {}
    for a, b in ((sender, receiver), (receiver, sender)):
        for channel_id, health in world.link_channels(a, b, at):
            if health.usable and channel_id != exclude:
                found[channel_id] = None
    shared = [c for c in pack.channels_usable_by(sender) if c in set(pack.channels_usable_by(receiver))]
    for channel_id in shared:
        if channel_id != exclude and channel_id not in found:
            if world.channel_health(channel_id, sender, receiver, at).usable:
                found[channel_id] = None
    return list(found)


def check_channel(world: WorldState, channel_id: str, sender: str, receiver: str, at: float,
                  lang: Lang = "en") -> ChannelCheck:
    """Whether a message goes through; if not, why and what still works, in `lang`."""
    pack = world.pack
    minute = int(at)
    t = words(lang)
    health = world.in_language(t.lang).channel_health(channel_id, sender, receiver, minute)
    latency = effective_latency(pack.channel(channel_id), health)
    if health.usable:
        return ChannelCheck(channel_id, health, latency)
    alternatives = working_alternatives(world, sender, receiver, minute, channel_id)
    names = [channel_name(pack, c, t) for c in alternatives]
    if names:
        advice = t("engine.advice.try", names=t.listing(names, "engine.list.or"))
    else:
        advice = t("engine.advice.none", agency=agency_name(pack, receiver, t))
    explanation = (health.reasons[0].text if health.reasons
                   else t("engine.advice.down", channel=channel_name(pack, channel_id, t)))
    return ChannelCheck(channel_id, health, latency,
                        t("engine.advice.joined", explanation=explanation, advice=advice),
                        tuple(alternatives))


def failed_at(message: Message) -> float:
    """The scenario minute a failed message failed: when it was due, else when it was sent."""
    if message.delivered_minute is not None:
        return message.delivered_minute
    return message.deliver_at if message.deliver_at is not None else message.scenario_minute


def failure_reason(world: WorldState, message: Message, lang: Lang = "en") -> str:
    """Why `message` failed, in `lang`: made again from `world` at the minute it failed; the
    sentence kept in the log when the pack no longer names its channel or agencies."""
    if message.status != "failed":
        return ""
    try:
        verdict = check_channel(world, message.channel, message.sender, message.receiver,
                                failed_at(message), lang)
    except KeyError:  # UnknownItem: a channel or agency this pack does not name
        return message.failure
    return verdict.reason or message.failure
