"""Helpers shared by the data commands (import, export, dev): store opening and progress."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from appliance.cli import UserFacingError
from appliance.paths import data_dir


def open_store(data: str | None) -> Any:
    """The unlocked Store of the box at --data (via the vault's open_store_for)."""
    try:
        context = importlib.import_module("appliance.cli.context")
    except ModuleNotFoundError as exc:
        raise UserFacingError(
            "この版ではデータベースを開けません / this build cannot unlock a box yet "
            "(appliance.cli.context is missing)"
        ) from exc
    return context.open_store_for(data_dir(data))


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Show done/total; the final call always draws and ends the line."""
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        frac = done / total if total else 1.0
        filled = int(frac * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {frac:4.0%} {done}/{total}{end}")
        self.stream.flush()


def check_path(path: str) -> Path:
    """The file argument as a Path, with a clear error when it does not exist."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise UserFacingError(f"ファイルがありません / no such file: {p}")
    return p
