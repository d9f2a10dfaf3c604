"""Where a box keeps its data: --data DIR, else $RINGDESK_DATA, else the platform data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "RINGDESK_DATA"


def data_dir(explicit: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """Return the data directory chosen by flag, environment or platform default."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    else:
        path = Path(platformdirs.user_data_dir("ringdesk", appauthor=False))
    path = path.expanduser().resolve()
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
