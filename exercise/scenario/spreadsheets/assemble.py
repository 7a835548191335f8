"""A whole pack from a planner's spreadsheets: the roster gives areas and agencies, the contact
list the links, the MSEL injects; whatever the sheets name but the pack lacks is created and
listed (areas, senders as actors, modules, objectives from core capabilities).

    assembly = assemble(tables, base_pack, start="07:58")
    assembly.pack, assembly.created, assembly.to_decide, assembly.problems
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from exercise.scenario.models import Agency, ScenarioPack
from exercise.scenario.problems import Severity
from exercise.scenario.spreadsheets.columns import data_rows, guess_mapping
from exercise.scenario.spreadsheets.msel import ImportRefused, MselChanges, merge_msel, read_msel
from exercise.scenario.spreadsheets.msel_capabilities import find_capability
from exercise.scenario.spreadsheets.msel_columns import MSEL_FIELDS
from exercise.scenario.spreadsheets.msel_values import (
    CellError,
    ClockStart,
    NameIndex,
    cell_text,
    match_key,
    read_time,
)
from exercise.scenario.spreadsheets.roster import merge_roster, read_roster
from exercise.scenario.spreadsheets.roster_columns import AGENCY_FIELDS, LINK_FIELDS
from exercise.scenario.spreadsheets.tables import SheetProblem, Table
from exercise.scenario.spreadsheets.words import ENGLISH, note_words

PLACEHOLDER_AGENCY = "lead-eoc"
_LIST = re.compile(r"[;；\n、,，]")


@dataclass
class Assembly:
    pack: ScenarioPack | None = None
    created: dict[str, list[str]] = field(default_factory=dict)  # in English, by kind
    made: dict[str, list[tuple[str, dict[str, object]]]] = field(default_factory=dict)  # as codes
    to_decide: list[str] = field(default_factory=list)  # in English, for the command line
    decide: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # the same as codes
    problems: list[SheetProblem] = field(default_factory=list)
    changes: MselChanges | None = None


def _made(out: Assembly, kind: str, code: str, **values: object) -> None:
    """Something the import created: in English in `created`, as a code (`sheet.made.<code>`)
    and its values in `made`, for the reader's language."""
    out.created.setdefault(kind, []).append(note_words(code, values, ENGLISH))
    out.made.setdefault(kind, []).append((code, values))


def _slug(text: str, prefix: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or prefix
    value, n = base, 2
    while value in taken:
        value, n = f"{base}-{n}", n + 1
    taken.add(value)
    return value


def assemble(tables: list[Table], base: ScenarioPack, *, fresh: bool, start: str | None = None,
             elapsed: bool = False, replace: bool = False,
             good_rows_only: bool = False) -> Assembly:
    out = Assembly()
    fresh = fresh or untouched(base)
    msel = [t for t in tables if _is_msel(t)]
    others = [t for t in tables if t not in msel and t.rows]
    data = base.model_dump(by_alias=True)
    _add_areas(data, others, out)
    _add_catalogue_channels(data, tables, out)
    pack = ScenarioPack.model_validate(data)
    if others:
        roster = read_roster(others, pack)
        out.problems += roster.all_problems
        try:
            pack = merge_roster(pack, roster)
        except ImportRefused:
            return out
        out.created["agencies"] = []
        for agency_id in [r.item.id for r in roster.agency_rows
                          if r.ok and isinstance(r.item, Agency) and r.item.id not in
                          {a.id for a in base.agencies}]:
            _made(out, "agencies", "id", id=agency_id)
    data = pack.model_dump(by_alias=True)
    clock = ClockStart.parse(start) if start else None
    for table in msel:
        _add_senders(data, table, out)
        _add_objectives(data, table, out)
        _add_modules(data, table, out, clock, elapsed, fresh)
    if fresh and len(data["agencies"]) > 1 and not _mentions(data, PLACEHOLDER_AGENCY):
        data["agencies"] = [a for a in data["agencies"] if a["id"] != PLACEHOLDER_AGENCY]
    pack = ScenarioPack.model_validate(data)
    before, sheet, refused = pack, set[str](), False
    for table in msel:  # every sheet is read, so the problems of all of them are listed
        result = read_msel(table, pack, start=clock, elapsed=elapsed)
        out.problems += result.all_problems
        sheet |= {i.id for i in result.injects} | {
            row.inject.id for row in result.rows if row.inject is not None}
        try:
            pack = merge_msel(pack, result, good_rows_only=good_rows_only)
        except ImportRefused:
            refused = True
    if refused:
        return out
    if msel:  # kept or removed: the pack's injects that no MSEL sheet has, not only the last
        out.changes = _changes(before, pack, sheet, replace)
        if replace:
            data = pack.model_dump(by_alias=True)
            data["injects"] = [i for i in data["injects"] if i["id"] in sheet]
            pack = ScenarioPack.model_validate(data)
    out.pack = pack
    out.decide = _to_decide(pack)
    out.to_decide = decide_in_english(out.decide)
    return out


def _changes(before: ScenarioPack, after: ScenarioPack, sheet: set[str],
             replace: bool) -> MselChanges:
    old = {inject.id: inject for inject in before.injects}
    changes = MselChanges()
    for inject in after.injects:
        if inject.id not in old:
            changes.added.append(inject.id)
        elif inject.id in sheet:
            (changes.changed if old[inject.id] != inject else changes.unchanged).append(inject.id)
    missing = [inject_id for inject_id in old if inject_id not in sheet]
    if replace:
        changes.removed = missing
    else:
        changes.kept = missing
    return changes


def untouched(pack: ScenarioPack) -> bool:
    """A pack as `exercise new` made it (its placeholder EOC and module only, no link or
    inject): an import into it replaces the placeholders as an import into a new pack does."""
    return ([a.id for a in pack.agencies] == [PLACEHOLDER_AGENCY] and not pack.links
            and not pack.injects and [m.id for m in pack.modules] == ["m1"])


def _is_msel(table: Table) -> bool:
    mapped = guess_mapping(table, MSEL_FIELDS).mapped_fields
    return {"time", "from", "to"} <= mapped and bool({"message", "title"} & mapped)


def _add_areas(data: dict[str, Any], tables: list[Table], out: Assembly) -> None:
    index = NameIndex("area", [(a["id"], (a["name"],)) for a in data["areas"]])
    taken = {a["id"] for a in data["areas"]}
    for table in tables:
        mapping = guess_mapping(table, AGENCY_FIELDS)
        column = mapping.column("area")
        if column is None or guess_mapping(table, LINK_FIELDS).column("from"):
            continue
        for _, values in data_rows(table, mapping):
            text = cell_text(values[column.index]) if column.index < len(values) else None
            if text and index.find(text) is None:
                area_id = _slug(text, "area", taken)
                data["areas"].append({"id": area_id, "name": text})
                index = NameIndex("area", [(a["id"], (a["name"],)) for a in data["areas"]])
                _made(out, "areas", "named", id=area_id, name=text)


def _channel_cells(table: Table) -> list[str]:
    texts: list[str] = []
    for fields, name in ((MSEL_FIELDS, "channel"), (AGENCY_FIELDS, "channels"),
                         (LINK_FIELDS, "channels")):
        mapping = guess_mapping(table, fields)
        column = mapping.column(name)
        if column is None:
            continue
        for _, values in data_rows(table, mapping):
            text = cell_text(values[column.index]) if column.index < len(values) else None
            texts += [p.strip() for p in re.split(r"[;；\n、,，>]", text or "") if p.strip()]
    return texts


def _add_catalogue_channels(data: dict[str, Any], tables: list[Table], out: Assembly) -> None:
    """Standard channels the sheets name that the pack lacks (a pack made before the
    catalogue), with the infrastructure they depend on."""
    from exercise.scenario.channels import (
        catalogue_channels,
        catalogue_systems,
        channel_names,
        find_channel,
    )

    pack = ScenarioPack.model_validate(data)
    index = NameIndex("channel", channel_names(pack))
    wanted: list[str] = []
    for table in tables:
        for text in _channel_cells(table):
            try:
                if index.find(text) is not None:
                    continue
            except CellError:
                continue
            entry = find_channel(text)
            if entry is not None and entry.id not in wanted and \
                    entry.id not in {c["id"] for c in data["channels"]}:
                wanted.append(entry.id)
    if not wanted:
        return
    channels = catalogue_channels(wanted)
    have = {s["id"] for s in data["infrastructure"]}
    for system in catalogue_systems(channels):
        if system.id not in have:
            data["infrastructure"].append(system.model_dump(by_alias=True))
            _made(out, "infrastructure systems", "id", id=system.id)
    data["channels"] += [c.model_dump(by_alias=True) for c in channels]
    for channel in channels:
        _made(out, "channels", "id", id=channel.id)


def _names(data: dict[str, Any]) -> NameIndex:
    return NameIndex("agency or actor", [(a["id"], (a["name"], a.get("short_name")))
                                         for a in data["agencies"]] +
                     [(a["id"], (a["name"],)) for a in data["actors"]])


def _add_senders(data: dict[str, Any], table: Table, out: Assembly) -> None:
    """A sender that is no agency and no near miss of one becomes a simulated actor."""
    mapping = guess_mapping(table, MSEL_FIELDS)
    column = mapping.column("from")
    if column is None:
        return
    taken = {a["id"] for a in data["agencies"]} | {a["id"] for a in data["actors"]}
    for _, values in data_rows(table, mapping):
        text = cell_text(values[column.index]) if column.index < len(values) else None
        index = _names(data)
        try:
            if not text or index.find(text) is not None:
                continue
        except CellError:
            continue
        if index.suggestion(text).startswith("did you mean"):
            continue  # a typo of an agency: the import names it
        actor_id = _slug(text, "actor", taken)
        data["actors"].append({"id": actor_id, "name": text})
        _made(out, "actors", "named", id=actor_id, name=text)


def _add_objectives(data: dict[str, Any], table: Table, out: Assembly) -> None:
    mapping = guess_mapping(table, MSEL_FIELDS)
    column = mapping.column("objectives")
    if column is None:
        return
    have = {match_key(name) for o in data["objectives"] for name in o["core_capabilities"]}
    taken = {o["id"] for o in data["objectives"]}
    for _, values in data_rows(table, mapping):
        text = cell_text(values[column.index]) if column.index < len(values) else None
        for part in filter(None, (p.strip() for p in _LIST.split(text or ""))):
            found = find_capability(part)
            if found is None or match_key(found[0]) in have:
                continue
            have.add(match_key(found[0]))
            english, chinese = found
            data["objectives"].append({
                "id": _slug(english, "objective", taken),
                "title": {"en": f"Demonstrate {english}", "zh-TW": f"展現{chinese}能力"},
                "core_capabilities": [english]})
            _made(out, "objectives", "id", id=english)


def _add_modules(data: dict[str, Any], table: Table, out: Assembly, clock: ClockStart | None,
                 elapsed: bool, fresh: bool) -> None:
    """Modules from a Module/Phase column (each starts at its first row's time), else one per
    scenario day; a new pack's single placeholder module gives way to them."""
    mapping = guess_mapping(table, MSEL_FIELDS)
    time_column, module_column = mapping.column("time"), mapping.column("module")
    day_column = mapping.column("day")
    starts: dict[str, int] = {}
    for _, values in data_rows(table, mapping):
        cell = values[time_column.index] if time_column and time_column.index < len(values) \
            else None
        try:
            minutes = read_time(cell, clock, None, elapsed=elapsed)
        except CellError:
            continue
        if day_column and clock and day_column.index < len(values):
            try:
                minutes += (int(float(cell_text(values[day_column.index]) or 1)) - 1) * 1440
            except ValueError:
                pass
        name = None
        if module_column and module_column.index < len(values):
            name = cell_text(values[module_column.index])
        if module_column is None:  # one module per scenario day, from its midnight
            key: str | None = f"Day {minutes // 1440 + 1}"
            minutes = minutes // 1440 * 1440
        else:
            key = name
        if key is not None:
            starts[key] = min(starts.get(key, minutes), minutes)
    existing = NameIndex("module", [(m["id"], (m["title"],)) for m in data["modules"]])
    new = {k: v for k, v in starts.items() if existing.find(k) is None}
    if not new or (module_column is None and len(starts) < 2):
        return
    if fresh and [m["id"] for m in data["modules"]] == ["m1"]:
        data["modules"] = []
    taken = {m["id"] for m in data["modules"]}
    for title, minutes in sorted(new.items(), key=lambda item: item[1]):
        module_id = _slug(title, "module", taken) if re.match(r"^[\x20-\x7e]+$", title) \
            else f"m{len(data['modules']) + 1}"
        taken.add(module_id)
        data["modules"].append({"id": module_id, "title": title, "start": minutes,
                                "situation": title})
        _made(out, "modules", "module", id=module_id, title=title, minutes=minutes)
    first = min(m["start"] for m in data["modules"])
    for module in data["modules"]:
        if module["start"] == first:
            module["start"] = min(first, 0)


def _mentions(data: dict[str, Any], agency_id: str) -> bool:
    return any(agency_id in (link["from"], link["to"]) for link in data["links"])


def _to_decide(pack: ScenarioPack) -> list[tuple[str, dict[str, str]]]:
    """What the planner should still decide, as (what, values) for the reader's language."""
    notes: list[tuple[str, dict[str, str]]] = [
        ("backup", {"system": s.id, "minutes": str(d.backup), "on": d.system})
        for s in pack.infrastructure for d in s.depends_on]
    for inject in pack.injects:
        if inject.type.value == "decision" and len(inject.options) < 2:
            notes.append(("no_options", {"inject": inject.id}))
    if not pack.links:
        notes.append(("no_links", {}))
    for module in pack.modules:
        if not module.questions:
            notes.append(("questions", {"module": module.id}))
    return notes


def decide_in_english(notes: list[tuple[str, dict[str, str]]]) -> list[str]:
    """The notes as the command line prints them, the backup minutes on one line."""
    backups = ", ".join("{system} {minutes} min on {on}".format(**values)
                        for what, values in notes if what == "backup")
    lines = [f"backup minutes (standard figures, check them for the place): {backups}"] \
        if backups else []
    return lines + [TO_DECIDE[what].format(**values) for what, values in notes
                    if what != "backup"]


TO_DECIDE = {
    "no_options": "inject {inject} is a decision with no options (add an Options column: "
                  "'evacuate | wait')",
    "no_links": "no contact plan: add a contact list (From, To, Channels)",
    "questions": "module {module}: discussion questions",
}


def errors(problems: list[SheetProblem]) -> list[SheetProblem]:
    return [p for p in problems if p.severity is Severity.error]
