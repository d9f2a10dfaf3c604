"""DbExecutor: all work on one thread, and the event loop keeps ticking while a query runs."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import pytest

from appliance.db.executor import DbExecutor
from appliance.db.store import Store


async def test_runs_on_one_dedicated_thread() -> None:
    ex = DbExecutor()
    try:
        idents = {await ex.run(threading.get_ident) for _ in range(5)}
        assert len(idents) == 1
        assert threading.get_ident() not in idents
        assert ex.call(ex.in_thread) is True
        assert not ex.in_thread()
    finally:
        ex.shutdown()


async def test_errors_come_back_to_the_caller() -> None:
    ex = DbExecutor()
    try:
        with pytest.raises(ZeroDivisionError):
            await ex.run(lambda: 1 / 0)
        assert await ex.run(lambda x, y=1: x + y, 2, y=3) == 5
    finally:
        ex.shutdown()


async def test_loop_is_not_blocked_by_a_long_query(tmp_path: Path) -> None:
    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    # A recursive CTE that keeps SQLite busy for a good fraction of a second.
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
        "SELECT sum(i) FROM n"
    )
    ticks: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            ticks.append(time.perf_counter() - before)

    prober = asyncio.create_task(probe())
    start = time.perf_counter()
    total = await store.executor.run(lambda: store.db.sql(sql).fetchone()[0])
    query_s = time.perf_counter() - start
    done.set()
    await prober
    await store.aclose()
    assert total == 3000000 * 3000001 // 2
    # The probe kept running during the query: many ticks, none as long as the query itself.
    assert len(ticks) >= 5
    assert max(ticks) < query_s


async def test_query_on_the_loop_thread_is_refused(tmp_path: Path) -> None:
    from appliance.db.connection import LoopBlockedError
    from appliance.db.models import Customer

    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    try:
        with pytest.raises(LoopBlockedError, match="executor"):
            Customer.select().count()
        assert await store.executor.run(lambda: Customer.select().count()) == 0
    finally:
        await store.aclose()


async def test_two_desks_editing_at_once_one_gets_stale_edit(tmp_path: Path) -> None:
    from appliance.core import customers
    from appliance.core.actor import Actor
    from appliance.core.errors import StaleEdit

    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    try:
        run = store.executor.run
        c = await run(customers.create_customer, Actor.system(), "山田 太郎")
        a = Actor(None, 1, "受付")
        b = Actor(None, 2, "配達")
        results = await asyncio.gather(
            run(customers.update_customer, a, c.id, 1, company="山田商店"),
            run(customers.update_customer, b, c.id, 1, company="ヤマダ食堂"),
            return_exceptions=True,
        )
        stale = [r for r in results if isinstance(r, StaleEdit)]
        assert len(stale) == 1
        winner = next(r for r in results if not isinstance(r, BaseException))
        assert stale[0].current["company"] == winner.company
    finally:
        await store.aclose()


async def test_failed_open_leaves_no_thread_behind(tmp_path: Path) -> None:
    from appliance.db.connection import WrongKeyError

    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    await store.aclose()
    before = {t.name for t in threading.enumerate()}
    with pytest.raises(WrongKeyError):
        await Store.open_async(tmp_path / "box.db", os.urandom(32))
    assert {t.name for t in threading.enumerate()} == before
