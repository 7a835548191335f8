"""Saving an imported or edited pack as a new file among the uploaded packs.

Files are written only into the data folder's packs folder, named after the pack id (checked
against the identifier pattern first), so a shipped pack can never be overwritten. An id that a
shipped pack uses is either refused (the caller asks for another name) or, for the editor,
replaced by a fresh id that the page reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem
from exercise.scenario.writer import pack_to_yaml
from exercise.ui.library.catalogue import Origin, list_packs, uploads_dir, write_atomically

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
EDITED_SUFFIX = "-edited"


class Outcome(str, Enum):
    saved = "saved"
    bad_id = "bad_id"
    taken = "taken"  # the id is used by another pack: ask for another name
    invalid = "invalid"


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    pack_id: str
    path: Path | None = None
    renamed_from: str | None = None
    taken_by: Origin | None = None
    problems: list[Problem] = field(default_factory=list)


def with_id(pack: ScenarioPack, pack_id: str) -> ScenarioPack:
    metadata = pack.metadata.model_copy(update={"id": pack_id})
    return pack.model_copy(update={"metadata": metadata})


def used_ids(scenarios: Path, data_dir: Path) -> dict[str, Origin]:
    """Pack ids of the library, and the names of uploaded files (a broken file holds its id)."""
    ids: dict[str, Origin] = {}
    for entry in list_packs(scenarios, data_dir):
        if entry.origin is Origin.uploaded:
            ids.setdefault(entry.path.stem, Origin.uploaded)
        if entry.result.pack is not None:
            pack_id = entry.result.pack.metadata.id
            if ids.get(pack_id) is not Origin.shipped:
                ids[pack_id] = entry.origin
    return ids


def fresh_id(wanted: str, taken: set[str]) -> str:
    stem = wanted[: 64 - len(EDITED_SUFFIX) - 3]
    candidate, number = f"{stem}{EDITED_SUFFIX}", 2
    while candidate in taken:
        candidate = f"{stem}{EDITED_SUFFIX}-{number}"
        number += 1
    return candidate


def save_new_pack(pack: ScenarioPack, pack_id: str, scenarios: Path, data_dir: Path, *,
                  rename_shipped: bool = False, may_replace: str | None = None) -> SaveResult:
    """Write `pack` under `pack_id`. `may_replace` names the uploaded pack being edited, which
    may be written over; any other id in use is refused, except a shipped pack's id when
    `rename_shipped`, which gets a fresh id instead."""
    pack_id = pack_id.strip()
    if not ID_PATTERN.match(pack_id):
        return SaveResult(Outcome.bad_id, pack_id)
    taken = used_ids(scenarios, data_dir)
    renamed_from = None
    if taken.get(pack_id) is Origin.shipped and rename_shipped:
        renamed_from, pack_id = pack_id, fresh_id(pack_id, set(taken))
    owner = taken.get(pack_id)
    if owner is not None and not (owner is Origin.uploaded and pack_id == may_replace):
        return SaveResult(Outcome.taken, pack_id, taken_by=owner)
    text = pack_to_yaml(with_id(pack, pack_id))
    target = uploads_dir(data_dir) / f"{pack_id}.yaml"
    check = load_pack_text(text, file=target.name)
    if not check.ok:
        return SaveResult(Outcome.invalid, pack_id, problems=check.problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, text.encode("utf-8"), prefix=".authoring-")
    return SaveResult(Outcome.saved, pack_id, target, renamed_from)
