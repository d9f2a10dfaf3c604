"""Idempotent schema steps for later migrations (m0001 builds from the models, so a column a
later migration adds may already exist on a fresh database)."""

from __future__ import annotations

from typing import Any

import peewee
from playhouse.migrate import SqliteMigrator, migrate


def has_column(db: Any, table: str, column: str) -> bool:
    """True when table has column."""
    return any(c.name == column for c in db.get_columns(table))


def add_column(db: Any, table: str, column: str, field: peewee.Field) -> bool:
    """Add the column unless it is there; returns True when it was added."""
    if has_column(db, table, column):
        return False
    migrate(SqliteMigrator(db).add_column(table, column, field))
    return True


def add_index(db: Any, table: str, columns: tuple[str, ...], *, unique: bool = False) -> None:
    """Create the index (named after table and columns) unless it exists."""
    name = f"{table}_{'_'.join(columns)}"
    cols = ", ".join(f'"{c}"' for c in columns)
    kind = "UNIQUE INDEX" if unique else "INDEX"
    db.execute_sql(f'CREATE {kind} IF NOT EXISTS "{name}" ON "{table}" ({cols})')
