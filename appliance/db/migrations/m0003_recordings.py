"""Recordings and transcripts (tables may already exist on a database m0001 just built)."""

from __future__ import annotations

from typing import Any

from appliance.db.models import Recording, Transcript


def apply(db: Any) -> None:
    """Create the recording and transcript tables unless present."""
    with db.bind_ctx((Recording, Transcript)):
        db.create_tables((Recording, Transcript), safe=True)
