"""The database file's integrity, checked on a connection of its own (beside a running box)."""

from __future__ import annotations

from pathlib import Path

from appliance.db.connection import CipherDatabase


def cipher_problems(path: Path, key: bytes) -> list[str]:
    """Every page whose HMAC fails (`PRAGMA cipher_integrity_check`); [] when the file is sound.

    Runs on its own read connection, so the box's writer is not held up (WAL)."""
    db = CipherDatabase(str(path), bytes(key))
    try:
        db.connect()
        return [str(row[0]) for row in db.execute_sql("PRAGMA cipher_integrity_check")]
    finally:
        db.close()
