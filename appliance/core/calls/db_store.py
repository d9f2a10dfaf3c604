"""The call store of an unlocked box: DbCallRecords on the database thread, a burst's writes
sharing one commit."""

from __future__ import annotations

import asyncio

from appliance.contract.calls import CallOut
from appliance.contract.pop import PopOut
from appliance.core.calls.machine import Transition
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import Announce
from appliance.db.executor import DbExecutor
from appliance.db.group_commit import CommitGroup


class DbCallStore:
    """CallStore on the box's database (one CommitGroup on its executor)."""

    def __init__(self, records: DbCallRecords, executor: DbExecutor) -> None:
        self.records = records
        self.executor = executor
        self._group = CommitGroup(executor)

    async def started(self, t: Transition) -> int:
        """Write the call row; its id once committed."""
        call_id: int = await self._group.run(self.records.call_started, t)
        return call_id

    async def identified(self, call_id: int, t: Transition, announce: Announce) -> PopOut:
        """Store the caller ID and build the pop; it is announced before the commit (see
        DbCallRecords.call_identified), returned after it."""
        loop = asyncio.get_running_loop()

        def announce_on_loop(pop: PopOut) -> None:
            loop.call_soon_threadsafe(announce, pop)

        pop: PopOut = await self._group.run(
            self.records.call_identified, call_id, t, announce_on_loop
        )
        return pop

    async def progressed(self, call_id: int, t: Transition) -> CallOut:
        """Answered / missed / ended on the call row; the call as committed."""
        call: CallOut = await self._group.run(self.records.call_progress, call_id, t)
        return call
