"""Rules on agencies that relate them to each other or to the tiers: where a representative is
seated (an EOC of the pack, not the agency itself) and the advice to replace `local` by the
tier it stands for."""

from __future__ import annotations

from collections.abc import Iterator

from exercise.scenario.models import AgencyLevel, ScenarioPack
from exercise.scenario.problems import Problem, Severity


def agency_problems(pack: ScenarioPack) -> Iterator[Problem]:
    agencies = {agency.id for agency in pack.agencies or []}
    seats = {agency.id: agency.seated_in for agency in pack.agencies or []}
    linked = {frozenset((link.from_, link.to)) for link in pack.links or []}
    for index, agency in enumerate(pack.agencies or []):
        if agency.level is AgencyLevel.local:
            yield Problem(
                "level 'local' does not say which tier of local government",
                path=("agencies", index, "level"), severity=Severity.advice,
                hint="write 'county' for a special municipality, county or city government "
                     "(直轄市、縣市) or a US county, 'township' for a township, town, city or district "
                     "office (鄉鎮市區公所) or a US municipality; 'local' is still read",
                extra={"words": "ref_level_local"})
        seat = agency.seated_in
        if seat is None:
            continue
        path = ("agencies", index, "seated_in")
        if seat not in agencies:
            known = ", ".join(sorted(agencies)[:8])
            yield Problem(f"seated_in names {seat!r}, which is not an agency of the pack", path=path,
                          hint=f"give the id of the EOC the representative sits in ({known}, …)",
                          extra={"words": "ref_seat_unknown", "seat": repr(seat), "known": known})
        elif seat == agency.id:
            yield Problem("an agency cannot be seated in itself", path=path,
                          hint="give the id of the EOC its representative sits in, or remove seated_in",
                          extra={"words": "ref_seat_self"})
        elif seats.get(seat) is not None:
            yield Problem(f"{seat!r} is itself seated in {seats[seat]!r}", path=path,
                          hint="seat the representative in the EOC that stands on its own",
                          extra={"words": "ref_seat_seated", "seat": repr(seat),
                                 "other": repr(seats[seat])})
        elif frozenset((agency.id, seat)) not in linked:
            yield Problem(f"{agency.id!r} is seated in {seat!r} but no planned link joins them",
                          path=path, severity=Severity.warning,
                          hint=f"add a link between {agency.id} and {seat} (in the room they talk in "
                               "person; its channels serve when the representative is not there)",
                          extra={"words": "ref_seat_unlinked", "agency": agency.id, "seat": seat})
