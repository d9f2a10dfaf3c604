"""systemd's watchdog, fed only while the call path answers: the ring-timeout ticker (which
takes every line's lock, so a line stuck in a transition stops it) has run lately and the
database thread runs a no-op in time. The event loop itself stuck stops the feeding too."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from appliance.sdnotify import notify

log = logging.getLogger(__name__)
DbProbe = Callable[[], Awaitable[object] | None]  # a no-op on the database thread; None: locked


class CallPathWatchdog:
    """Every `interval_s`, WATCHDOG=1 to systemd if the call path is alive, else nothing."""

    def __init__(
        self,
        interval_s: float,
        ticked_at: Callable[[], float],
        db_probe: DbProbe,
        send: Callable[[str], object] = notify,
        *,
        stale_s: float | None = None,
    ) -> None:
        self.interval_s, self.ticked_at, self.db_probe, self.send = (
            interval_s,
            ticked_at,
            db_probe,
            send,
        )
        self.stale_s = interval_s if stale_s is None else stale_s  # ticker silent this long
        self._probe: asyncio.Future[object] | None = None  # one at a time: a stuck one stays
        self.stuck: str | None = None

    async def problem(self) -> str | None:
        """Why the call path is stuck now (no personal data), or None when it answers."""
        since = time.monotonic() - self.ticked_at()
        if since > self.stale_s:
            return f"ring-timeout ticker last ran {since:.1f} s ago"
        if self._probe is None or self._probe.done():
            work = self.db_probe()
            self._probe = None if work is None else asyncio.ensure_future(work)
        if self._probe is not None:
            await asyncio.wait({self._probe}, timeout=self.interval_s / 2)
            if not self._probe.done():
                return "database thread did not answer"
            failed = self._probe.exception()
            if failed is not None:
                log.warning("watchdog database probe failed: %s", type(failed).__name__)
        return None

    async def run(self) -> None:
        """Feed systemd until cancelled; log once when feeding stops and when it resumes."""
        try:
            while True:
                problem = await self.problem()
                if problem is None:
                    self.send("WATCHDOG=1")
                    if self.stuck is not None:
                        log.warning("call path answers again; watchdog fed")
                elif self.stuck is None:
                    log.error("call path stuck (%s): systemd's watchdog is no longer fed", problem)
                self.stuck = problem
                await asyncio.sleep(self.interval_s)
        finally:
            if self._probe is not None:
                self._probe.cancel()
