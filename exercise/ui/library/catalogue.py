"""The packs the library lists: shipped ones (read-only) and uploaded ones (kept in the data
folder). Pure functions: no Streamlit here, so they are tested directly."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.problems import Problem

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


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / UPLOADS_FOLDER


def list_packs(scenarios: Path, data_dir: Path) -> list[PackEntry]:
    entries: list[PackEntry] = []
    for origin, folder in ((Origin.shipped, scenarios), (Origin.uploaded, uploads_dir(data_dir))):
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            entries.append(
                PackEntry(f"{origin.value}/{path.name}", origin, path, _load(path))
            )
    return entries


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

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems


def accept_upload(name: str, data: bytes, data_dir: Path) -> UploadOutcome:
    """Validate an uploaded pack; keep it in the data folder only when it has no errors.

    The stored file is named after the pack's id (an identifier checked by the format), never
    after the uploaded file name, so a hostile name cannot choose where it is written.
    """
    shown = Path(name).name or "upload.yaml"
    if not shown.lower().endswith(UPLOAD_SUFFIXES):
        return UploadOutcome(_rejected(shown, "a scenario pack is a .yaml or .yml file"))
    if len(data) > MAX_UPLOAD_BYTES:
        return UploadOutcome(
            _rejected(
                shown,
                f"the file is {len(data):,} bytes; uploads are limited to {MAX_UPLOAD_BYTES:,}",
            )
        )
    result = load_pack_text(data, file=shown, limit=MAX_UPLOAD_BYTES)
    if not result.ok or result.pack is None:
        return UploadOutcome(result)
    folder = uploads_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{result.pack.metadata.id}.yaml"
    write_atomically(target, data)
    return UploadOutcome(result, target)


def _rejected(file: str, message: str) -> LoadResult:
    return LoadResult(file=file, problems=[Problem(message, file=file)])


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
