"""Backups in a folder: file names carry the UTC time; pick the one for a point in time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from backups.errors import BackupError

SUFFIX = ".rdbk"
_NAME = re.compile(r"^ringdesk-(\d{8}T\d{6}Z)(?:-(\d+))?\.rdbk$")
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Entry:
    """One backup file and the time its snapshot was taken."""

    path: Path
    created_at: dt.datetime

    @property
    def size(self) -> int:
        """Bytes on the target."""
        return self.path.stat().st_size


def file_name(at: dt.datetime, serial: int = 0) -> str:
    """The file name of a backup taken at (UTC); serial tells apart two in one second."""
    stamp = at.astimezone(dt.UTC).strftime(_STAMP)
    return f"ringdesk-{stamp}{f'-{serial}' if serial else ''}{SUFFIX}"


def free_name(folder: Path, at: dt.datetime) -> Path:
    """A backup path in folder for time at that no file uses yet."""
    serial = 0
    while (folder / file_name(at, serial)).exists():
        serial += 1
    return folder / file_name(at, serial)


def parse_time(name: str) -> dt.datetime | None:
    """The UTC time in a backup file name, or None for other files."""
    m = _NAME.match(name)
    if m is None:
        return None
    return dt.datetime.strptime(m.group(1), _STAMP).replace(tzinfo=dt.UTC)


def list_backups(folder: Path) -> list[Entry]:
    """The backups in folder, oldest first (temp files and other files ignored)."""
    found = []
    for path in Path(folder).iterdir() if Path(folder).is_dir() else []:
        at = parse_time(path.name)
        if at is not None and path.is_file():
            found.append(Entry(path, at))
    return sorted(found, key=lambda e: (e.created_at, e.path.name))


def pick(entries: list[Entry], at: dt.datetime | None = None) -> Entry:
    """The newest backup taken at or before at (default: the newest of all)."""
    chosen = [e for e in entries if at is None or e.created_at <= at]
    if not chosen:
        when = "" if at is None else f" at or before {at.isoformat()}"
        raise BackupError(f"該当するバックアップがありません / no backup{when} in that folder")
    return chosen[-1]
