"""Model bases: the database proxy, timestamps, and version + soft delete for editable rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

database_proxy = peewee.DatabaseProxy()


def utcnow() -> dt.datetime:
    """Now in UTC as a naive datetime (how every timestamp is stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(peewee.Model):
    """Every table: integer id, created_at and updated_at (kept by save())."""

    id = peewee.AutoField()
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        database = database_proxy
        legacy_table_names = False

    def save(self, *args: Any, **kwargs: Any) -> Any:
        """Save, stamping updated_at."""
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)


class EditableModel(BaseModel):
    """A row people edit: optimistic `version` and soft delete (`deleted_at`, undo by restore)."""

    version = peewee.IntegerField(default=1)
    deleted_at = peewee.DateTimeField(null=True, index=True)

    @classmethod
    def live(cls) -> Any:
        """Select rows that are not soft-deleted."""
        return cls.select().where(cls.deleted_at.is_null())
