"""The reserve file: written when there is room, given up on a full disk (desks warned), taken
back when space returns; a full disk is recognised behind whatever was raised after it."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import peewee

from appliance.core.disk_full import is_disk_full
from appliance.disk_reserve import RESERVE_NAME, DiskReserve

MIB = 1024 * 1024


async def test_release_warns_and_check_takes_the_reserve_back(tmp_path: Path) -> None:
    said: list[dict[str, Any] | None] = []
    reserve = DiskReserve(tmp_path, said.append, size=MIB, low=MIB)
    await reserve.start()
    try:
        assert (tmp_path / RESERVE_NAME).stat().st_size == MIB
        assert reserve.release() and not (tmp_path / RESERVE_NAME).exists()
        assert not reserve.release()  # given up once
        assert said[-1] == {"code": "disk_full", "values": {}}
        await reserve.check()  # this disk has room: back in place, warning cleared
        assert (tmp_path / RESERVE_NAME).is_file() and not reserve.released
        assert said[-1] is None
    finally:
        await reserve.stop()


def test_a_full_disk_is_recognised_behind_a_failed_rollback() -> None:
    try:
        try:
            raise peewee.OperationalError("database or disk is full")
        except peewee.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as exc:
        assert is_disk_full(exc)
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
