"""Representatives seated in an EOC (進駐): while the EOC stands, an agency whose representative
sits in it talks to the EOC in person, whatever its planned channels depend on; its links to its
own field units keep their channels and fail with them.

A pair (agency, EOC) is "seated" in both directions. The contact lasts while both agencies work
(the EOC standing, the agency not lost); no infrastructure or area enters it.
"""

from __future__ import annotations

from exercise.scenario.models import ScenarioPack


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
