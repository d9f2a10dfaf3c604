"""Raw SQLCipher files: keyed connections, consistent copies, row counts, integrity checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from backups.errors import BackupError

BUSY_TIMEOUT_S = 30.0


def connect(path: Path, key: bytes) -> Any:
    """A connection to the SQLCipher file at path, keyed with a raw 32-byte key."""
    conn = sqlcipher.connect(
        str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def copy(source: Any, dest_path: Path, dest_key: bytes, pages: int = -1) -> None:
    """Copy the whole database behind source into a new file under dest_key (backup API).

    One step (pages=-1) reads a single consistent snapshot, even while the box writes."""
    if dest_path.exists():
        raise BackupError(f"既にファイルがあります / {dest_path} already exists")
    dest = connect(dest_path, dest_key)
    try:
        dest.execute("PRAGMA journal_mode = OFF")  # a fresh copy: nothing to roll back to
        dest.execute("PRAGMA synchronous = OFF")  # the sealed file is fsynced, not this
        source.backup(dest, pages=pages)
    finally:
        dest.close()


def table_counts(conn: Any) -> dict[str, int]:
    """Rows per ordinary table (virtual tables and SQLite's own left out)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def problems(conn: Any) -> list[str]:
    """integrity_check and cipher_integrity_check findings (empty when the file is sound)."""
    found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    found += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    return found


def opens(conn: Any) -> bool:
    """True when the key opens the file (its first page decrypts)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        return False
    return True
