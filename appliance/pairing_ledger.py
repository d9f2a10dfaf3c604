"""The day's failed pairing guesses kept in the data directory, so a restart cannot reset them."""

from __future__ import annotations

import json
import os
from pathlib import Path

LEDGER_NAME = "pairing-failures.json"


def load_failures(data_dir: Path) -> list[float]:
    """Wall-clock times of failed guesses as last saved; [] when none or unreadable."""
    try:
        raw = json.loads((data_dir / LEDGER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(raw, list):
        return []
    return [float(t) for t in raw if isinstance(t, int | float)]


def save_failures(data_dir: Path, failures: list[float]) -> None:
    """Replace the ledger atomically (0600): times only, nothing about the desk or code."""
    path = data_dir / LEDGER_NAME
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(failures, out)
        out.flush()
        os.fsync(out.fileno())
    tmp.replace(path)
