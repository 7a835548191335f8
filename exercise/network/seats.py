"""Representatives seated in an EOC (進駐): while the EOC stands, an agency whose representative
sits in it talks to the EOC in person, whatever its planned channels depend on; its links to its
own field units keep their channels and fail with them.

A pair (agency, EOC) is "seated" in both directions. The contact lasts while both agencies work
(the EOC standing, the agency not lost); no infrastructure or area enters it, and a message
between them takes the in-person minute (`in_person_minutes`), whichever planned channel it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercise.scenario.models import ChannelKind, ScenarioPack

if TYPE_CHECKING:
    from exercise.network.world import WorldState


IN_PERSON_MINUTES = 1.0  # turning to the representative across the room


def in_person_minutes(pack: ScenarioPack) -> float:
    """How long a seated pair takes to pass a message: the pack's own face-to-face channel (the
    quickest `in_person` channel that depends on nothing), else IN_PERSON_MINUTES."""
    own = [float(channel.latency) for channel in pack.channels
           if channel.kind is ChannelKind.in_person and not channel.depends_on and channel.charging is None]
    return min(own, default=IN_PERSON_MINUTES)


def seated_pairs(pack: ScenarioPack) -> dict[tuple[str, str], str]:
    """(a, b) -> the EOC, for every agency seated in an EOC of the pack, both ways."""
    agencies = {agency.id for agency in pack.agencies}
    pairs: dict[tuple[str, str], str] = {}
    for agency in pack.agencies:
        eoc = agency.seated_in
        if eoc is None or eoc not in agencies or eoc == agency.id:
            continue
        pairs[(agency.id, eoc)] = eoc
        pairs[(eoc, agency.id)] = eoc
    return pairs


def seated_at(pack: ScenarioPack, eoc: str) -> list[str]:
    """The agencies whose representatives sit in `eoc`."""
    return [agency.id for agency in pack.agencies if agency.seated_in == eoc]


@dataclass(frozen=True)
class Seat:
    """What a desk sees of seats: where its own representative sits (and whether that EOC still
    stands at the minute asked), and whose representatives sit in its own room."""

    eoc: str | None
    standing: bool
    seated_here: tuple[str, ...]


def seat_of(world: WorldState, agency: str, minute: int) -> Seat:
    pack = world.pack
    eoc = pack.agency(agency).seated_in
    standing = eoc is not None and world.agency_health(eoc, minute).usable
    return Seat(eoc, standing, tuple(seated_at(pack, agency)))
