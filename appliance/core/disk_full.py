"""Telling a full disk from other database failures."""

from __future__ import annotations

import errno
import sqlite3

import peewee


def is_disk_full(exc: BaseException) -> bool:
    """True for the database's or the file system's "no space left", also when it is the
    cause of what was raised (a failed rollback after it, say)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if _is_full(cur):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # sqlcipher3 raises its own OperationalError class; peewee wraps it in peewee's
    failed = isinstance(exc, sqlite3.OperationalError | peewee.OperationalError) or (
        type(exc).__name__ == "OperationalError"
    )
    return failed and "full" in str(exc).lower()
