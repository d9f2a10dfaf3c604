"""Open the box's SQLCipher database: raw 256-bit key, WAL, FULL sync, checked at open."""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
from pathlib import Path
from typing import Any

import peewee
from sqlcipher3 import dbapi2 as sqlcipher

# SQLite 3.51.3 fixes the WAL-reset corruption bug (DESIGN §7); anything older is refused.
MIN_SQLITE = (3, 51, 3)
KEY_BYTES = 32
BUSY_TIMEOUT_MS = 5000
_PLAIN_HEADER = b"SQLite format 3\x00"

sqlcipher.register_adapter(decimal.Decimal, str)


def sql_datetime(value: dt.datetime) -> str:
    """A datetime as it is stored: ISO 8601 with a space ('2026-12-02 01:23:45.678901')."""
    return value.isoformat(" ")


sqlcipher.register_adapter(dt.datetime, sql_datetime)
sqlcipher.register_adapter(dt.date, lambda v: v.isoformat())


class DatabaseOpenError(Exception):
    """The database cannot be opened; the message says why and what to do."""


class WrongKeyError(DatabaseOpenError):
    """The key does not open this file (or its first page is damaged beyond telling)."""


class CorruptDatabaseError(DatabaseOpenError):
    """The file opens but fails its integrity check, or is not a Ringdesk database."""


class SQLiteTooOldError(DatabaseOpenError):
    """The bundled SQLite is older than MIN_SQLITE."""


class DatabaseMissingError(DatabaseOpenError):
    """There is no database file where one was expected."""


class LoopBlockedError(RuntimeError):
    """A query was run on a thread that is running an asyncio event loop."""


def _pragmas() -> list[tuple[str, Any]]:
    # temp_store=MEMORY keeps sorts and temp indexes off the disk.
    return [
        ("journal_mode", "wal"),
        ("synchronous", "full"),
        ("foreign_keys", 1),
        ("busy_timeout", BUSY_TIMEOUT_MS),
        ("temp_store", "memory"),
        ("secure_delete", 1),  # erased personal data is overwritten, not left in free pages
    ]


class CipherDatabase(peewee.SqliteDatabase):
    """A peewee SQLite database over sqlcipher3 that sets the raw key before anything else."""

    def __init__(self, path: str, key: bytes | None, **kwargs: Any) -> None:
        self._key_hex = key.hex() if key is not None else None
        kwargs.setdefault("pragmas", _pragmas())
        kwargs.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
        # One executor thread owns the connection, so it is shared rather than per-thread.
        kwargs.setdefault("thread_safe", False)
        # Write transactions take the lock at BEGIN, so two processes (daemon and a CLI import)
        # never both read the audit chain's last hash before writing.
        kwargs.setdefault("lock_type", "IMMEDIATE")
        super().__init__(path, **kwargs)
        self.guard_loop = True

    @property
    def encrypted(self) -> bool:
        """True when the connection is keyed."""
        return self._key_hex is not None

    def _connect(self) -> Any:
        conn = sqlcipher.connect(
            self.database,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            **self.connect_params,
        )
        try:
            # SQLCipher would also print its own lines to stderr; the error we raise says it.
            conn.execute("PRAGMA cipher_log_level = NONE")
            if self._key_hex is not None:
                conn.execute(f"PRAGMA key = \"x'{self._key_hex}'\"")
            self._add_conn_hooks(conn)  # type: ignore[attr-defined]
        except Exception:
            conn.close()
            raise
        return conn

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        """Run one statement; refuses to run on an event-loop thread (use DbExecutor.run)."""
        if self.guard_loop and asyncio._get_running_loop() is not None:
            raise LoopBlockedError(
                "peewee work on the event loop thread blocks it; use `await executor.run(fn)`"
            )
        return super().execute_sql(sql, params)  # type: ignore[no-untyped-call]

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> Any:
        """execute_sql with a typed signature; returns the cursor."""
        return self.execute_sql(query, params)

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the whole file under new_key (PRAGMA rekey)."""
        _check_key(new_key)
        if self._key_hex is None:
            raise DatabaseOpenError("an unencrypted database cannot be rekeyed")
        self.sql(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        self._key_hex = new_key.hex()


def sqlite_version() -> tuple[int, int, int]:
    """The version of the SQLite library sqlcipher3 carries."""
    major, minor, patch = sqlcipher.sqlite_version_info[:3]
    return (int(major), int(minor), int(patch))


def check_sqlite_version(version: tuple[int, int, int] | None = None) -> None:
    """Raise SQLiteTooOldError when version (default: the bundled one) is below 3.51.3."""
    found = version if version is not None else sqlite_version()
    if tuple(found) < MIN_SQLITE:
        need = ".".join(map(str, MIN_SQLITE))
        have = ".".join(map(str, found))
        raise SQLiteTooOldError(
            f"SQLite {have} は古すぎます (WAL の破損バグ) / SQLite {have} is too old: "
            f"{need} or newer is required (it fixes a WAL-reset corruption bug); "
            "reinstall Ringdesk so it uses its bundled sqlcipher3"
        )


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) != KEY_BYTES:
        raise DatabaseOpenError(f"the database key must be {KEY_BYTES} bytes")


def _classify_open_failure(path: Path, exc: Exception) -> DatabaseOpenError:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_PLAIN_HEADER))
    except OSError:
        head = b""
    if head == _PLAIN_HEADER:
        return CorruptDatabaseError(
            f"{path} は暗号化されていません / {path} is an unencrypted SQLite file, "
            "not a Ringdesk database"
        )
    return WrongKeyError(
        f"データベースを開けません: 鍵が違うかファイルが壊れています / cannot open {path}: "
        f"the key is wrong or the file is damaged ({exc})"
    )


def open_database(
    path: Path, key: bytes, *, create: bool = False, check_integrity: bool = True
) -> CipherDatabase:
    """Open (or with create=True, create) the encrypted database; DatabaseOpenError if not."""
    check_sqlite_version()
    _check_key(key)
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseMissingError(
            f"データベースがありません / no database at {path} (create one first)"
        )
    if path.exists() and path.stat().st_size == 0 and not create:
        raise CorruptDatabaseError(f"データベースが空です / {path} is an empty file")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = CipherDatabase(str(path), bytes(key))
    try:
        db.connect()
        db.sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.DatabaseError as exc:
        db.close()
        raise _classify_open_failure(path, exc) from None
    if check_integrity:
        problems = [str(r[0]) for r in db.sql("PRAGMA cipher_integrity_check")]
        if problems:
            db.close()
            shown = "; ".join(problems[:3])
            raise CorruptDatabaseError(
                f"データベースが壊れています / {path} is damaged "
                f"({len(problems)} problem(s): {shown}); restore it from a backup"
            )
    return db


def open_plain_database(path: Path) -> CipherDatabase:
    """An unencrypted database with the same settings (only for the sqlcipher_overhead bench)."""
    check_sqlite_version()
    db = CipherDatabase(str(path), None)
    db.connect()
    return db
