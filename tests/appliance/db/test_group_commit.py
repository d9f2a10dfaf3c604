"""CommitGroup: a burst of writes shares one commit; a failing write is undone alone."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from appliance.db.group_commit import BatchLostError, CommitGroup
from appliance.db.models import Customer, database_proxy
from appliance.db.store import Store

NAMES = [
    "伊藤 健太",
    "渡辺 さくら",
    "Sarah Miller",
    "中村 翔",
    "小林 結衣",
    "David Wilson",
    "加藤 大輔",
    "吉田 美穂",
    "山本 蓮",
    "Jessica Davis",
]
KEY = os.urandom(32)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open_async(tmp_path / "box.db", KEY, create=True)
    yield s
    await s.aclose()


def _add(name: str) -> int:
    with database_proxy.atomic():
        return int(Customer.create(display_name=name).id)


def _add_then_fail(name: str) -> int:
    with database_proxy.atomic():
        Customer.create(display_name=name)
        raise ValueError(f"{name}: refused")


def _commits(store: Store) -> list[str]:
    seen: list[str] = []

    def trace() -> None:
        conn = database_proxy.connection()
        conn.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith("COMMIT") else None)

    store.executor.call(trace)
    return seen


def _names_seen_by_another_connection(path: Path) -> list[str]:
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        return [r[0] for r in conn.execute("SELECT display_name FROM customer ORDER BY id")]
    finally:
        conn.close()


async def test_a_burst_of_writes_is_one_commit(store: Store, tmp_path: Path) -> None:
    group = CommitGroup(store.executor)
    commits = _commits(store)
    ids = await asyncio.gather(*(group.run(_add, n) for n in NAMES))
    assert len(set(ids)) == len(NAMES)
    assert len(commits) == 1
    # each result is returned only once committed: another connection already sees them all
    assert _names_seen_by_another_connection(tmp_path / "box.db") == NAMES


async def test_a_failing_write_is_undone_alone_and_its_caller_told(
    store: Store, tmp_path: Path
) -> None:
    group = CommitGroup(store.executor)
    results = await asyncio.gather(
        group.run(_add, NAMES[0]),
        group.run(_add_then_fail, NAMES[1]),
        group.run(_add, NAMES[2]),
        return_exceptions=True,
    )
    assert isinstance(results[0], int) and isinstance(results[2], int)
    assert isinstance(results[1], ValueError) and "refused" in str(results[1])
    assert _names_seen_by_another_connection(tmp_path / "box.db") == [NAMES[0], NAMES[2]]


async def test_writes_arriving_during_a_batch_go_in_the_next(store: Store) -> None:
    group = CommitGroup(store.executor)
    commits = _commits(store)
    first = asyncio.ensure_future(group.run(_add, NAMES[0]))
    await asyncio.sleep(0)  # the first batch is on the database thread now
    later = await asyncio.gather(*(group.run(_add, n) for n in NAMES[1:]))
    assert await first < min(later)
    assert len(commits) == 2


async def test_a_cancelled_caller_does_not_stop_the_others(store: Store, tmp_path: Path) -> None:
    group = CommitGroup(store.executor)
    gone = asyncio.ensure_future(group.run(_add, NAMES[0]))
    kept = asyncio.ensure_future(group.run(_add, NAMES[1]))
    await asyncio.sleep(0)
    gone.cancel()
    assert isinstance(await kept, int)
    assert await group.run(_add, NAMES[2]) > 0
    # the cancelled caller's write was already under way; it is kept, not half-done
    assert _names_seen_by_another_connection(tmp_path / "box.db") == NAMES[:3]


async def test_writes_wait_out_another_process_holding_the_write_lock(
    store: Store, tmp_path: Path
) -> None:
    import threading

    from appliance.db.connection import BUSY_TIMEOUT_MS

    held, release = threading.Event(), threading.Event()

    def importer() -> None:  # like `ringdesk import` of a big file: one long write transaction
        conn = sqlcipher.connect(str(tmp_path / "box.db"), isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE customer SET display_name = display_name")  # takes the write lock
        held.set()
        release.wait(30)
        conn.execute("COMMIT")
        conn.close()

    worker = threading.Thread(target=importer)
    worker.start()
    held.wait(10)
    group = CommitGroup(store.executor)
    writing = asyncio.ensure_future(group.run(_add, NAMES[0]))
    await asyncio.sleep(BUSY_TIMEOUT_MS / 1000 + 1.0)  # past one busy timeout: it must still wait
    assert not writing.done()
    release.set()
    assert await writing > 0
    worker.join(10)
    assert _names_seen_by_another_connection(tmp_path / "box.db") == [NAMES[0]]


def _add_then_lose_the_transaction(name: str) -> int:
    """What SQLITE_FULL or an I/O error does mid-batch: SQLite rolls the transaction back."""
    Customer.create(display_name=name)
    database_proxy.connection().execute("ROLLBACK")
    raise sqlcipher.OperationalError("database or disk is full")


async def test_a_write_that_ends_the_transaction_fails_the_whole_batch(
    store: Store, tmp_path: Path
) -> None:
    group = CommitGroup(store.executor)
    results = await asyncio.gather(
        group.run(_add, NAMES[0]),
        group.run(_add_then_lose_the_transaction, NAMES[1]),
        group.run(_add, NAMES[2]),
        return_exceptions=True,
    )
    # nothing was kept, and no caller is told otherwise (the first write went with the rollback;
    # the third would have committed on its own)
    assert all(isinstance(r, BatchLostError) and "disk is full" in str(r) for r in results)
    assert _names_seen_by_another_connection(tmp_path / "box.db") == []
    assert isinstance(await group.run(_add, NAMES[3]), int)  # the next batch goes on as usual
    assert _names_seen_by_another_connection(tmp_path / "box.db") == [NAMES[3]]
