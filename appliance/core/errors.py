"""Errors raised by use cases; each carries one clear message for the user."""

from __future__ import annotations

from typing import Any

import peewee


class RingdeskError(Exception):
    """Base of every error Ringdesk raises on purpose."""


class InvalidInput(RingdeskError):  # noqa: N818 - the name is the agreed interface
    """Input that cannot be accepted; the message says why."""


class NotFound(RingdeskError):  # noqa: N818 - the name is the agreed interface
    """The row asked for does not exist (or is deleted, when deleted rows are excluded)."""


class Conflict(RingdeskError):  # noqa: N818 - the name is the agreed interface
    """The change contradicts the current state (duplicate, already merged, ...)."""


class StaleEdit(Conflict):
    """An edit based on an old version; `current` holds the row as it is now."""

    def __init__(self, entity: str, row_id: int, expected: int, current: dict[str, Any]) -> None:
        self.entity = entity
        self.row_id = row_id
        self.expected = expected
        self.current = current
        super().__init__(
            f"他の人が先に変更しました / {entity} #{row_id} was changed by someone else "
            f"(you edited version {expected}, it is now version {current.get('version')})"
        )


# A write the database refused by one of its constraints (unique, foreign key, check): the
# routes answer it as a conflict without reaching below the core.
RowConflict = peewee.IntegrityError


class Forbidden(RingdeskError):  # noqa: N818 - named like its siblings
    """The caller's role may not do this to this field or row; the message says which."""
