"""Calls still ringing or in progress are found without reading the whole call log."""

from __future__ import annotations

from typing import Any

LIVE = "state IN ('ringing', 'answered', 'dialing')"


def apply(db: Any) -> None:
    """A partial index of the live calls (a handful among a million ended ones): the stale
    call sweep and the active-call list read it instead of the table."""
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "call_live" ON "call" ("updated_at") WHERE {LIVE}')
