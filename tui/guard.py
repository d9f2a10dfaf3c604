"""What the desk does with an error nobody expected: a log line without personal data."""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from textual.worker import WorkerFailed

log = logging.getLogger("ringdesk.desk")

LOG_NAME = "desk.log"


def unwrap(error: BaseException) -> BaseException:
    """The error a failed worker raised (WorkerFailed's text repeats the error's own words)."""
    return error.error if isinstance(error, WorkerFailed) else error


def describe(error: BaseException) -> str:
    """Type and where it was raised, innermost first; never the message or locals."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = unwrap(error)
    while current is not None and id(current) not in seen and len(parts) < 3:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)[-5:]
        where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        parts.append(f"{type(current).__qualname__} at {where or '?'}")
        current = current.__cause__ or current.__context__
    return " | from ".join(parts)


def log_to(folder: Path) -> None:
    """Send the desk's log to folder/desk.log (owner only, 1 MB kept three times)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger("ringdesk")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
