"""Manual interactions keep the time spent on them (m0001 may have built the column already)."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.db.migrations.ops import add_column


def apply(db: Any) -> None:
    """Add interaction.time_spent_s (seconds, default 0) unless present."""
    add_column(db, "interaction", "time_spent_s", peewee.IntegerField(default=0))
