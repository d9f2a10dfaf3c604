"""Opening the encrypted database: right key, wrong key, damaged file, old SQLite, no plaintext."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faker import Faker

from appliance.db import connection as conn
from appliance.db.connection import (
    CorruptDatabaseError,
    DatabaseMissingError,
    SQLiteTooOldError,
    WrongKeyError,
    check_sqlite_version,
    open_database,
)
from appliance.db.models import Customer, Phone
from appliance.db.store import Store


def _seed(path: Path, key: bytes, names: list[str]) -> None:
    store = Store.open(path, key, create=True)
    for i, name in enumerate(names):
        c = Customer.create(display_name=name, reading=name, company=f"{name} 商店")
        Phone.create(customer=c, national=f"0312345{i:03d}", e164=f"+81312345{i:03d}")
    store.close()


def test_settings_at_open(tmp_path: Path) -> None:
    key = os.urandom(32)
    db = open_database(tmp_path / "a.db", key, create=True)
    assert db.sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.sql("PRAGMA busy_timeout").fetchone()[0] == conn.BUSY_TIMEOUT_MS
    assert db.sql("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert db.sql("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    db.close()


def test_reopen_with_the_right_key(tmp_path: Path) -> None:
    key = os.urandom(32)
    _seed(tmp_path / "a.db", key, ["山田 太郎"])
    store = Store.open(tmp_path / "a.db", key)
    assert Customer.get().display_name == "山田 太郎"
    store.close()


def test_wrong_key_gives_one_clear_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    _seed(tmp_path / "a.db", os.urandom(32), ["山田 太郎"])
    with pytest.raises(WrongKeyError, match="key is wrong"):
        open_database(tmp_path / "a.db", os.urandom(32))
    assert "hmac" not in capfd.readouterr().err  # SQLCipher's own log lines are silenced


def test_damaged_page_is_reported_by_the_integrity_check(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "a.db"
    _seed(path, key, [Faker("ja_JP").name() for _ in range(300)])
    data = bytearray(path.read_bytes())
    assert len(data) > 4 * 4096
    data[3 * 4096 + 100] ^= 0xFF  # inside page 4, not the first page
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(path, key)


def test_plain_sqlite_file_is_not_taken_for_ours(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    plain = conn.open_plain_database(path)
    plain.sql("CREATE TABLE t (a)")
    plain.close()
    with pytest.raises(CorruptDatabaseError, match="unencrypted"):
        open_database(path, os.urandom(32))


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        open_database(tmp_path / "none.db", os.urandom(32))
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(CorruptDatabaseError, match="empty"):
        open_database(tmp_path / "empty.db", os.urandom(32))


def test_key_must_be_32_bytes(tmp_path: Path) -> None:
    with pytest.raises(conn.DatabaseOpenError, match="32 bytes"):
        open_database(tmp_path / "a.db", b"short", create=True)


@pytest.mark.parametrize("version", [(3, 51, 2), (3, 45, 1), (3, 7, 17), (2, 99, 99)])
def test_old_sqlite_is_refused(version: tuple[int, int, int]) -> None:
    with pytest.raises(SQLiteTooOldError, match=r"3\.51\.3"):
        check_sqlite_version(version)


@pytest.mark.parametrize("version", [(3, 51, 3), (3, 52, 0), (3, 53, 4), (4, 0, 0)])
def test_new_enough_sqlite_is_accepted(version: tuple[int, int, int]) -> None:
    check_sqlite_version(version)


def test_open_refuses_when_bundled_sqlite_is_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conn, "sqlite_version", lambda: (3, 50, 0))
    with pytest.raises(SQLiteTooOldError):
        open_database(tmp_path / "a.db", os.urandom(32), create=True)
    assert not (tmp_path / "a.db").exists()


def test_bundled_sqlite_is_new_enough() -> None:
    assert conn.sqlite_version() >= conn.MIN_SQLITE


def test_no_plaintext_names_in_any_file(tmp_path: Path) -> None:
    canary = "鳩山カナリア"
    latin = "Zebulon Canarywick"
    names = [canary, latin] + [Faker("en_US").name() for _ in range(20)]
    key = os.urandom(32)
    _seed(tmp_path / "a.db", key, names)
    for f in tmp_path.iterdir():
        blob = f.read_bytes()
        for needle in (canary, latin, "0312345000"):
            assert needle.encode("utf-8") not in blob, f"{needle} in {f.name}"
            assert needle.encode("utf-16-le") not in blob


def test_rekey_changes_the_key(tmp_path: Path) -> None:
    old, new = os.urandom(32), os.urandom(32)
    _seed(tmp_path / "a.db", old, ["佐藤 花子"])
    db = open_database(tmp_path / "a.db", old)
    db.rekey(new)
    db.close()
    with pytest.raises(WrongKeyError):
        open_database(tmp_path / "a.db", old)
    open_database(tmp_path / "a.db", new).close()


def test_transactions_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    import sqlcipher3

    key = os.urandom(32)
    db = open_database(tmp_path / "a.db", key, create=True)
    db.sql("CREATE TABLE t (a)")
    other = sqlcipher3.connect(str(tmp_path / "a.db"), timeout=0.05, isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    with db.atomic():  # no write yet, but the lock is already held
        with pytest.raises(sqlcipher3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        assert other.execute("SELECT count(*) FROM t").fetchone() == (0,)  # readers go on
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    db.close()
