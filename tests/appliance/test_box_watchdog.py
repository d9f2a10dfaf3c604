"""The systemd watchdog is fed while the call path answers and not when it is stuck: a line
holding its lock (the ring-timeout ticker waits on it) or a database thread that never answers."""

from __future__ import annotations

import asyncio
import threading

from appliance.box_watchdog import CallPathWatchdog
from appliance.core.calls.router import CallRouter
from appliance.db.executor import DbExecutor

INTERVAL_S = 0.2


class _Quiet:
    """A publisher and store that are never reached (no line events in these tests)."""

    def pop(self, pop: object) -> None:
        raise AssertionError("no pops here")

    async def update(self, update: object) -> None:
        raise AssertionError("no updates here")


async def _pings(watchdog: CallPathWatchdog, sent: list[str], ticks: int) -> int:
    """WATCHDOG=1 pings sent during `ticks` watchdog intervals."""
    before = len(sent)
    task = asyncio.create_task(watchdog.run())
    await asyncio.sleep(INTERVAL_S * ticks)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return len(sent) - before


async def test_fed_while_ticker_and_database_answer_not_while_a_line_is_stuck() -> None:
    router = CallRouter(lambda: None, _Quiet(), tick_s=0.02)  # type: ignore[arg-type,return-value]
    router.add_line("line1", 30.0)
    executor = DbExecutor("watchdog-test")
    sent: list[str] = []
    watchdog = CallPathWatchdog(
        INTERVAL_S, lambda: router.ticked_at, lambda: executor.run(lambda: None), sent.append
    )
    router.start()
    try:
        assert await _pings(watchdog, sent, 5) >= 2
        assert set(sent) == {"WATCHDOG=1"}
        async with router._lock("line1"):  # a transition that never finishes
            await asyncio.sleep(INTERVAL_S * 2)
            assert await _pings(watchdog, sent, 5) == 0
            assert watchdog.stuck is not None and "ticker" in watchdog.stuck
        assert await _pings(watchdog, sent, 5) >= 2  # fed again once the line moves
    finally:
        await router.stop()
        executor.shutdown()


async def test_not_fed_while_the_database_thread_is_stuck() -> None:
    router = CallRouter(lambda: None, _Quiet(), tick_s=0.02)  # type: ignore[arg-type,return-value]
    executor = DbExecutor("watchdog-test")
    release = threading.Event()
    sent: list[str] = []
    watchdog = CallPathWatchdog(
        INTERVAL_S, lambda: router.ticked_at, lambda: executor.run(lambda: None), sent.append
    )
    router.start()
    try:
        stuck = asyncio.ensure_future(executor.run(release.wait, 30))
        assert await _pings(watchdog, sent, 5) == 0
        assert watchdog.stuck == "database thread did not answer"
        release.set()
        await stuck
        assert await _pings(watchdog, sent, 5) >= 2
    finally:
        release.set()
        await router.stop()
        executor.shutdown()


async def test_a_locked_box_is_fed_on_the_ticker_alone() -> None:
    router = CallRouter(lambda: None, _Quiet(), tick_s=0.02)  # type: ignore[arg-type,return-value]
    sent: list[str] = []
    watchdog = CallPathWatchdog(INTERVAL_S, lambda: router.ticked_at, lambda: None, sent.append)
    router.start()
    try:
        assert await _pings(watchdog, sent, 5) >= 2
    finally:
        await router.stop()
