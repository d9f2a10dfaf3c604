"""Callbacks fold the missed calls of one number: a count and the last one's time."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.db.migrations.ops import add_column


def apply(db: Any) -> None:
    """Add task.missed_count (default 0) and task.last_missed_at unless present; a callback
    made by a missed call before this counts that one call."""
    add_column(db, "task", "missed_count", peewee.IntegerField(default=0))
    add_column(db, "task", "last_missed_at", peewee.DateTimeField(null=True))
    db.execute_sql(
        "UPDATE task SET missed_count = 1, last_missed_at = created_at "
        "WHERE kind = 'callback' AND call_id IS NOT NULL AND missed_count = 0 "
        "AND reason LIKE '不在着信 / missed call%'"
    )
