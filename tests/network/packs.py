"""Small hand-made packs for the network tests: a chain of areas, a few agencies and channels."""

from __future__ import annotations

from typing import Any

from exercise.scenario.loader import pack_from_data
from exercise.scenario.models import ScenarioPack


def make_pack(
    agencies: list[tuple[str, str]],
    links: list[dict[str, Any]],
    channels: list[dict[str, Any]] | None = None,
    infrastructure: list[dict[str, Any]] | None = None,
    areas: list[dict[str, Any]] | None = None,
    injects: list[dict[str, Any]] | None = None,
    actors: list[dict[str, Any]] | None = None,
    modules: list[dict[str, Any]] | None = None,
) -> ScenarioPack:
    """agencies: (id, area). Defaults: county > township > valley; power, mobile (3 h battery on
    power), landline; channels phone (landline, 2 min), mobile (mobile, 1 min), sat (none, 5 min)."""
    data = {
        "metadata": {
            "id": "test-pack",
            "title": "Test pack",
            "hazards": ["typhoon"],
            "setting": "A test",
            "summary": "A test",
            "duration": 60,
        },
        "areas": areas
        or [
            {"id": "county", "name": "County"},
            {"id": "township", "name": "Township", "parent": "county"},
            {"id": "valley", "name": "Valley", "parent": "township"},
            {"id": "coast", "name": "Coast", "parent": "county"},
        ],
        "agencies": [
            {"id": a, "name": a.upper(), "level": "local", "sector": "test", "area": area}
            for a, area in agencies
        ],
        "actors": actors or [],
        "infrastructure": infrastructure
        if infrastructure is not None
        else [
            {"id": "power", "name": "Grid power", "kind": "power"},
            {"id": "mobile", "name": "Mobile network", "kind": "mobile",
             "depends_on": [{"system": "power", "backup": 180}]},
            {"id": "landline", "name": "Landline network", "kind": "landline"},
        ],
        "channels": channels
        or [
            {"id": "phone", "kind": "landline", "name": "Telephone", "depends_on": ["landline"],
             "latency": 2, "reliability": 0.9},
            {"id": "mobile", "kind": "mobile", "name": "Mobile phone", "depends_on": ["mobile"],
             "latency": 1, "reliability": 0.8},
            {"id": "sat", "kind": "satellite", "name": "Satellite phone", "latency": 5,
             "reliability": 0.5},
        ],
        "links": links,
        "modules": modules or [{"id": "M1", "title": "One", "start": 0, "situation": "Now"}],
        "injects": injects or [],
    }
    return pack_from_data(data)


def link(a: str, b: str, *channels: str, one_way: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"from": a, "to": b, "channels": list(channels)}
    if one_way:
        found["direction"] = "one_way"
    return found
