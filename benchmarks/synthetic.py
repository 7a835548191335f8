"""Synthetic scenario packs of any size, for benchmarks (deterministic for a given seed).

`synthetic_pack_data()` returns plain data as YAML would parse it (times written in every
accepted notation, bilingual texts, every section used); `synthetic_pack()` validates it.
"""

from __future__ import annotations

import random
from typing import Any

from exercise.scenario.loader import pack_from_data
from exercise.scenario.models import ScenarioPack

_CHANNELS = [
    ("phone", "landline", ["landline"]),
    ("mobile-phone", "mobile", ["mobile"]),
    ("line-group", "messaging_app", ["mobile", "internet"]),
    ("email", "email", ["internet"]),
    ("radio", "radio", ["radio-repeater"]),
    ("sat-phone", "satellite", []),
    ("liaison", "liaison_officer", ["roads"]),
    ("video", "video_conference", ["internet"]),
]
_SYSTEMS = [
    ("power", "power", []),
    ("mobile", "mobile", [("power", 180)]),
    ("landline", "landline", [("power", 480)]),
    ("internet", "internet", [("power", 240), ("landline", 0)]),
    ("radio-repeater", "radio", [("power", 4320)]),
    ("roads", "roads", []),
    ("water", "water", [("power", 720)]),
]
_LEVELS = ["national", "regional", "local", "community", "private", "ngo", "support"]
_TYPES = ["information", "request", "decision", "media", "resource", "infrastructure"]
_MODULE_MINUTES = 120


def _text(rng: random.Random, en: str, zh: str) -> Any:
    """Mostly bilingual text, sometimes a plain string (which counts for every language)."""
    return en if rng.random() < 0.1 else {"en": en, "zh-TW": zh}


def _time(rng: random.Random, minutes: int) -> Any:
    """The same minute written in one of the accepted notations."""
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    days, day_hours = divmod(hours, 24)
    return rng.choice(
        [
            minutes,
            f"T{sign}{hours:02d}:{mins:02d}",
            f"T{sign}{days}d {day_hours:02d}:{mins:02d}" if days else f"T{sign}{hours:02d}:{mins:02d}",
            f"D{sign}{days} H{sign}{day_hours} M{sign}{mins}",
        ]
    )


def synthetic_pack_data(
    agencies: int = 300, links: int = 3000, injects: int = 1000, seed: int = 0
) -> dict[str, Any]:
    """Valid pack data with the given numbers of agencies, contact-plan links and injects."""
    if agencies < 2 or links > agencies * (agencies - 1) // 2:
        raise ValueError("need at least 2 agencies and at most one link per pair")
    rng = random.Random(seed)
    area_count = max(1, agencies // 10)
    areas = [{"id": "region", "name": _text(rng, "Region", "區域")}] + [
        {"id": f"area-{a}", "name": _text(rng, f"Area {a}", f"地區{a}"), "parent": "region"}
        for a in range(area_count)
    ]
    agency_ids = [f"agency-{n:04d}" for n in range(agencies)]
    agency_list = [
        {
            "id": agency_id,
            "name": _text(rng, f"Agency {n}", f"機關{n}"),
            "short_name": _text(rng, f"A{n}", f"機{n}"),
            "level": rng.choice(_LEVELS),
            "sector": rng.choice(["emergency management", "fire", "health", "utilities"]),
            "area": f"area-{n % area_count}",
            "channels": ["sat-phone"] if n % 7 == 0 else [],
        }
        for n, agency_id in enumerate(agency_ids)
    ]
    channel_ids = [c[0] for c in _CHANNELS]
    pairs: set[tuple[int, int]] = set()
    link_list = []
    while len(link_list) < links:
        a, b = sorted(rng.sample(range(agencies), 2))
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        link_list.append(
            {
                "from": agency_ids[a],
                "to": agency_ids[b],
                "channels": rng.sample(channel_ids, rng.randint(1, 3)),
                "direction": "both" if rng.random() < 0.9 else "one_way",
                "basis": rng.choice(["law", "sop", "mou", "informal"]),
            }
        )
    usable: dict[str, list[str]] = {a["id"]: list(a["channels"]) for a in agency_list}
    for link in link_list:
        for end in (link["from"], link["to"]):
            usable[end].extend(c for c in link["channels"] if c not in usable[end])
    module_count = max(1, min(12, injects // 80 or 1))
    modules = [
        {
            "id": f"M{m + 1}",
            "title": _text(rng, f"Phase {m + 1}", f"階段{m + 1}"),
            "start": _time(rng, m * _MODULE_MINUTES - (_MODULE_MINUTES if m == 0 else 0)),
            "situation": _text(rng, f"Situation in phase {m + 1}.", f"第{m + 1}階段狀況。"),
            "questions": [_text(rng, "Who acts first?", "誰先行動？")],
        }
        for m in range(module_count)
    ]
    objectives = [
        {
            "id": f"OBJ-{o}",
            "title": _text(rng, f"Objective {o}", f"目標{o}"),
            "core_capabilities": ["Operational Communications"],
            "critical_tasks": [
                {"id": f"CT-{o}.{t}", "title": _text(rng, f"Task {o}.{t}", f"任務{o}.{t}")}
                for t in range(3)
            ],
        }
        for o in range(5)
    ]
    inject_list: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    for n in range(injects):
        m = n * module_count // injects
        start = m * _MODULE_MINUTES - (_MODULE_MINUTES if m == 0 else 0)
        minute = start + rng.randrange(_MODULE_MINUTES)
        sender = rng.choice(agency_ids) if rng.random() < 0.8 else rng.choice(["media", "residents"])
        kind = _TYPES[n % len(_TYPES)]
        inject: dict[str, Any] = {
            "id": f"I-{n:04d}",
            "module": f"M{m + 1}",
            "time": _time(rng, minute),
            "from": sender,
            "to": rng.sample(agency_ids, rng.randint(1, 3)),
            "type": kind,
            "title": _text(rng, f"Inject {n}", f"狀況{n}"),
            "message": _text(rng, f"Something happens ({n}).", f"發生狀況（{n}）。"),
            "expected_actions": [_text(rng, "Acknowledge and act", "確認並處置")],
            "expected_contacts": [f"{rng.choice(agency_ids)} -> {rng.choice(agency_ids)}"],
            "objectives": [f"OBJ-{n % 5}"],
            "critical_tasks": [f"CT-{n % 5}.{n % 3}"],
        }
        if sender in usable and usable[sender]:
            inject["channel"] = rng.choice(usable[sender])
        if kind == "decision":
            inject["options"] = [
                {"id": "act", "label": _text(rng, "Act now", "立即行動")},
                {"id": "wait", "label": _text(rng, "Wait", "等待"),
                 "consequence": _text(rng, "Time is lost", "延誤")},
            ]
            decisions.append(inject)
        if kind == "infrastructure":
            inject["effects"] = [
                {"system": rng.choice(_SYSTEMS)[0], "area": f"area-{rng.randrange(area_count)}",
                 "status": rng.choice(["down", "degraded", "up"])},
                {"agency": rng.choice(agency_ids), "status": "degraded", "reason": "flooded"},
            ]
        earlier = inject_list[-50:]
        if earlier and rng.random() < 0.3:
            inject["conditions"] = [{"after": rng.choice(earlier)["id"], "delay": rng.randint(0, 30)}]
        elif decisions and decisions[-1] is not inject and rng.random() < 0.1:
            inject["conditions"] = [{"decision": decisions[-1]["id"], "option": "wait"}]
        elif earlier and rng.random() < 0.1:
            inject["contingency"] = True
            inject["conditions"] = [
                {"no_ack": earlier[-1]["id"], "by": _time(rng, minute)},
                {"no_contact": rng.sample(agency_ids, 2), "by": _time(rng, minute)},
            ]
        inject_list.append(inject)
    return {
        "format_version": 1,
        "metadata": {
            "id": f"synthetic-{agencies}-{links}-{injects}",
            "title": {"en": "Synthetic pack", "zh-TW": "合成想定"},
            "hazards": ["typhoon", "flood"],
            "setting": {"en": "A synthetic region", "zh-TW": "合成區域"},
            "languages": ["en", "zh-TW"],
            "summary": {"en": "Generated for benchmarks.", "zh-TW": "為效能測試產生。"},
            "exercise_type": "game",
            "duration": "T+04:00",
            "scenario_start": "Day 1, 06:00",
            "sources": [{"title": "Generated", "url": "https://example.invalid/synthetic"}],
        },
        "objectives": objectives,
        "areas": areas,
        "agencies": agency_list,
        "actors": [{"id": "media", "name": "Media"}, {"id": "residents", "name": "Residents"}],
        "infrastructure": [
            {
                "id": system_id,
                "name": _text(rng, system_id, system_id),
                "kind": kind,
                "depends_on": [{"system": s, "backup": backup} for s, backup in depends],
            }
            for system_id, kind, depends in _SYSTEMS
        ],
        "channels": [
            {"id": channel_id, "kind": kind, "name": channel_id, "depends_on": depends,
             "latency": rng.randint(1, 30), "reliability": round(rng.uniform(0.5, 1.0), 2)}
            for channel_id, kind, depends in _CHANNELS
        ],
        "links": link_list,
        "resource_types": [
            {"id": "ambulance", "name": {"en": "Ambulance", "zh-TW": "救護車"}},
            {"id": "generator", "name": {"en": "Generator", "zh-TW": "發電機"},
             "unit": {"en": "units", "zh-TW": "部"}},
        ],
        "resources": [
            {"agency": agency_id, "type": rng.choice(["ambulance", "generator"]),
             "quantity": rng.randint(0, 50)}
            for agency_id in agency_ids[::3]
        ],
        "modules": modules,
        "injects": inject_list,
    }


def synthetic_pack(
    agencies: int = 300, links: int = 3000, injects: int = 1000, seed: int = 0
) -> ScenarioPack:
    """The synthetic pack, validated."""
    return pack_from_data(synthetic_pack_data(agencies, links, injects, seed))
