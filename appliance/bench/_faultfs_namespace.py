"""Namespace changes the power-cut layer has not seen a directory fsync for, and their undo.

The layer writes each create, unlink and rename to a journal (a plain file outside the backing
folder: the simulator's own state, not the simulated disk) before applying it; an unlinked or
replaced file is moved to a trash folder rather than deleted. fsync of a directory makes the
changes in it durable. After the layer is killed, undo() reverts, newest first, every change
no directory fsync covered, as a power cut would on a disk that honours only what was synced.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path


class Journal:
    """Append-only record of pending namespace changes, kept beside the backing folder."""

    def __init__(self, root: Path, state: Path) -> None:
        self.root, self.state = root, state
        self.trash = state / "trash"
        self.trash.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(state / "journal", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._n = 0

    def _log(self, *entry: str) -> None:
        os.write(self._fd, (json.dumps(entry) + "\n").encode())

    def rel(self, path: Path) -> str:
        """path relative to the backing root."""
        return str(path.relative_to(self.root))

    def created(self, path: Path) -> None:
        """Record, before it happens, that path is about to be created."""
        self._log("created", self.rel(path))

    def set_aside(self, path: Path) -> None:
        """Move path to the trash instead of deleting it, recorded so undo brings it back."""
        self._n += 1
        spot = self.trash / str(self._n)
        self._log("removed", self.rel(path), str(spot))
        path.rename(spot)

    def renamed(self, old: Path, new: Path) -> None:
        """Record, before it happens, that old is about to become new."""
        self._log("renamed", self.rel(old), self.rel(new))

    def synced(self, directory: Path) -> None:
        """A directory fsync: changes of entries in directory are durable from now on."""
        self._log("synced", self.rel(directory))


def _dirs(entry: list[str]) -> set[str]:
    """The directories whose fsync makes this change durable."""
    if entry[0] == "renamed":
        return {str(Path(entry[1]).parent), str(Path(entry[2]).parent)}
    return {str(Path(entry[1]).parent)}


def undo(root: Path, state: Path) -> int:
    """Revert every change no directory fsync covered; returns how many were reverted."""
    journal = state / "journal"
    if not journal.exists():
        return 0
    pending: list[tuple[list[str], set[str]]] = []
    for line in journal.read_text().splitlines():
        entry = json.loads(line)
        if entry[0] == "synced":
            for _e, dirs in pending:
                dirs.discard(entry[1])
            pending = [(e, dirs) for e, dirs in pending if dirs]
        else:
            pending.append((entry, _dirs(entry)))
    for entry, _dirs_left in reversed(pending):
        with contextlib.suppress(FileNotFoundError):
            if entry[0] == "created":
                target = root / entry[1]
                if target.is_dir():
                    shutil.rmtree(target)
                else:
                    target.unlink()
            elif entry[0] == "removed":
                Path(entry[2]).rename(root / entry[1])
            elif entry[0] == "renamed":
                (root / entry[2]).rename(root / entry[1])
    shutil.rmtree(state, ignore_errors=True)
    return len(pending)
