"""The packs the library lists: shipped ones (read-only) and uploaded ones (kept in the data
folder). Pure functions: no Streamlit here, so they are tested directly."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from exercise.i18n import Translator
from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.problems import Problem
from exercise.ui import settings

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_SUFFIXES = (".yaml", ".yml")
UPLOADS_FOLDER = "packs"


class Origin(str, Enum):
    shipped = "shipped"
    uploaded = "uploaded"


@dataclass(frozen=True)
class PackEntry:
    """One file in the library, loaded (its problems included)."""

    key: str
    origin: Origin
    path: Path
    result: LoadResult

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def pack_id(self) -> str:
        """The pack's id (an uploaded file is named after it), so two packs with one title
        can be told apart."""
        pack = self.result.pack
        return pack.metadata.id if pack is not None else self.path.stem


def pack_label(entry: PackEntry, t: Translator) -> str:
    """How a pack is offered in every list: title, origin and id (`Title (uploaded, my-id)`),
    so a copy with the same title is never mistaken for the original. Plain text, for places
    that show text as typed (select boxes)."""
    pack = entry.result.pack
    title = t.text(pack.metadata.title) if pack else entry.path.name
    return f"{title} ({t(f'library.origin.{entry.origin.value}')}, {entry.pack_id})"


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / UPLOADS_FOLDER


def list_packs(scenarios: Path, data_dir: Path) -> list[PackEntry]:
    return [*_entries(Origin.shipped, scenarios), *_entries(Origin.uploaded, uploads_dir(data_dir))]


def _entries(origin: Origin, folder: Path) -> list[PackEntry]:
    if not folder.is_dir():
        return []
    return [PackEntry(f"{origin.value}/{path.name}", origin, path, _load(path))
            for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])]


def _load(path: Path) -> LoadResult:
    stat = path.stat()
    return _load_version(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_version(path: str, mtime_ns: int, size: int) -> LoadResult:
    """A pack is parsed once per version of its file, not on every rerun."""
    return load_pack(path)


@dataclass(frozen=True)
class UploadOutcome:
    result: LoadResult
    saved: Path | None = None
    # The uploaded pack this one would replace (same id): kept until replace=True is asked.
    conflict: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems


def shipped_ids(scenarios: Path) -> set[str]:
    """The ids of the shipped packs (and the names of their files, in case one is broken)."""
    return {name for entry in _entries(Origin.shipped, scenarios)
            for name in (entry.pack_id, entry.path.stem)}


def accept_upload(name: str, data: bytes, data_dir: Path, scenarios: Path | None = None, *,
                  replace: bool = False) -> UploadOutcome:
    """Validate an uploaded pack; keep it in the data folder only when it has no errors.

    The stored file is named after the pack's id (an identifier checked by the format), never
    after the uploaded file name, so a hostile name cannot choose where it is written. A
    shipped pack's id is refused; another upload's id is refused too (the outcome names it in
    `conflict`) unless `replace` is asked for explicitly.
    """
    shown = Path(name).name or "upload.yaml"
    if not shown.lower().endswith(UPLOAD_SUFFIXES):
        return UploadOutcome(_rejected(shown, "a scenario pack is a .yaml or .yml file",
                                       "upload_suffix"))
    if len(data) > MAX_UPLOAD_BYTES:
        return UploadOutcome(
            _rejected(
                shown,
                f"the file is {len(data):,} bytes; uploads are limited to {MAX_UPLOAD_BYTES:,}",
                "upload_size", size=f"{len(data):,}", limit=f"{MAX_UPLOAD_BYTES:,}",
            )
        )
    result = load_pack_text(data, file=shown, limit=MAX_UPLOAD_BYTES)
    if not result.ok or result.pack is None:
        return UploadOutcome(result)
    pack_id = result.pack.metadata.id
    if pack_id in shipped_ids(scenarios if scenarios is not None else settings.scenarios_dir()):
        return UploadOutcome(_rejected(
            shown, f"the pack id {pack_id!r} (metadata.id) belongs to a shipped pack; give "
                   "your pack an id of its own and upload it again", "upload_shipped_id",
            id=pack_id))
    folder = uploads_dir(data_dir)
    target = folder / f"{pack_id}.yaml"
    if target.exists() and not replace:
        return UploadOutcome(_rejected(
            shown, f"an uploaded pack with the id {pack_id!r} (metadata.id) is already in the "
                   "library; replace it, or give your pack another id", "upload_id_taken",
            id=pack_id), conflict=target)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    return UploadOutcome(result, target)


def _rejected(file: str, message: str, words: str, **values: str) -> LoadResult:
    """A refused upload; `words` names its sentence in the catalogue (`problem.sweep.<words>`),
    so the page says it in the reader's language."""
    extra = {"words": f"sweep.{words}", **values}
    return LoadResult(file=file, problems=[Problem(message, file=file, extra=extra)])


def write_atomically(target: Path, data: bytes, prefix: str = ".upload-") -> None:
    """Write a whole file or nothing: a crash mid-write never leaves half a pack."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".yaml")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
