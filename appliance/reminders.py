"""Callback reminders: when a task falls due, its assignee's desk (or every desk) is told once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from appliance.core.events import EventHub
from appliance.db.models import Task, utcnow
from appliance.db.store import Store

log = logging.getLogger(__name__)
WINDOW = timedelta(days=1)
SET = timedelta(seconds=60)


def due_tasks(now: datetime, limit: int = 200) -> list[dict[str, Any]]:
    """Open tasks that fell due in the last day and were set for later (db thread).

    A missed call's callback is due at once; the board shows it, so it is no reminder."""
    from appliance.core.views import task_out, tasks_query

    rows = (
        tasks_query()
        .where((Task.state == "open") & (Task.due_at <= now) & (Task.due_at > now - WINDOW))
        .order_by(Task.due_at)
        .limit(limit)
    )
    return [task_out(t).model_dump(mode="json") for t in rows if t.due_at - t.created_at > SET]


class Reminders:
    """Polls for due tasks every `every_s` and publishes `callback_due` once per task."""

    def __init__(
        self,
        hub: EventHub,
        store: Callable[[], Store | None],
        *,
        every_s: float = 15.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.hub, self._store, self.every_s, self._clock = hub, store, every_s, clock
        self._told: set[int] = set()
        self._task: asyncio.Task[None] | None = None

    async def check(self) -> int:
        """Publish reminders for tasks due now that were not announced yet; returns how many."""
        store = self._store()
        if store is None:
            return 0
        due = await store.executor.run(due_tasks, self._clock())
        fresh = [t for t in due if t["id"] not in self._told]
        for task in fresh:
            self._told.add(task["id"])
            self.hub.publish("callback_due", task)
        return len(fresh)

    def start(self) -> None:
        """Poll in the background."""
        self._task = asyncio.create_task(self._loop(), name="reminders")

    async def stop(self) -> None:
        """Stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            try:
                await self.check()
            except Exception:
                log.exception("callback reminder check failed")
            await asyncio.sleep(self.every_s)
