"""The call store of an unlocked box: DbCallRecords on the database thread, a burst's writes
sharing one commit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from appliance.contract.calls import CallOut
from appliance.contract.pop import PopOut
from appliance.core.calls.machine import Transition
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import Announce
from appliance.core.disk_full import is_disk_full
from appliance.db.executor import DbExecutor
from appliance.db.group_commit import CommitGroup

log = logging.getLogger(__name__)


class DbCallStore:
    """CallStore on the box's database (one CommitGroup on its executor). A write that fails
    for a full disk is tried once more after `on_disk_full` made room (True when it did)."""

    def __init__(
        self,
        records: DbCallRecords,
        executor: DbExecutor,
        on_disk_full: Callable[[], bool] | None = None,  # blocking: run on a worker thread
    ) -> None:
        self.records = records
        self.executor = executor
        self.on_disk_full = on_disk_full
        self._group = CommitGroup(executor)

    async def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return await self._group.run(fn, *args)
        except Exception as exc:
            if not is_disk_full(exc) or self.on_disk_full is None:
                raise
            if not await asyncio.to_thread(self.on_disk_full):
                raise
            log.warning("a call write met a full disk: written again after making room")
            return await self._group.run(fn, *args)

    async def started(self, t: Transition) -> int:
        """Write the call row; its id once committed."""
        call_id: int = await self._write(self.records.call_started, t)
        return call_id

    async def identified(self, call_id: int, t: Transition, announce: Announce) -> PopOut:
        """Store the caller ID and build the pop; it is announced before the commit (see
        DbCallRecords.call_identified), returned after it."""
        loop = asyncio.get_running_loop()
        announced: list[int] = []

        def announce_on_loop(pop: PopOut) -> None:
            if not announced:  # once, even when a full disk makes the write run again
                announced.append(call_id)
                loop.call_soon_threadsafe(announce, pop)

        pop: PopOut = await self._write(self.records.call_identified, call_id, t, announce_on_loop)
        return pop

    async def progressed(self, call_id: int, t: Transition) -> CallOut:
        """Answered / missed / ended on the call row; the call as committed."""
        call: CallOut = await self._write(self.records.call_progress, call_id, t)
        return call
