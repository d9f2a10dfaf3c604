"""CommitGroup: short writes that arrive together share one transaction and one commit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from appliance.db.executor import DbExecutor
from appliance.db.models.base import database_proxy

Job = tuple[Callable[..., Any], tuple[Any, ...], "asyncio.Future[Any]"]


class CommitGroup:
    """Runs writes on the database thread; those queued while a batch runs go in the next batch.

    A burst of ten calls costs one commit (one fsync of the WAL) instead of ten. Each write runs
    in its own savepoint, so one that fails is undone alone and its caller gets the exception;
    every caller's result arrives only after the commit that made it durable."""

    def __init__(self, executor: DbExecutor) -> None:
        self.executor = executor
        self._queued: list[Job] = []
        self._draining = False

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) on the database thread in a group transaction; its result once committed."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queued.append((fn, args, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._queued:
                batch, self._queued = self._queued, []
                try:
                    outcomes = await self.executor.run(_run_batch, [(f, a) for f, a, _ in batch])
                except BaseException as exc:  # the commit itself failed: nothing of it is kept
                    outcomes = [(False, exc)] * len(batch)
                for (_, _, future), (ok, value) in zip(batch, outcomes, strict=True):
                    if future.done():  # its caller was cancelled
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        finally:
            self._draining = False


def _run_batch(jobs: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
    outcomes: list[tuple[bool, Any]] = []
    with database_proxy.atomic():
        for fn, args in jobs:
            try:
                with database_proxy.atomic():  # a savepoint: a failing write is undone alone
                    outcomes.append((True, fn(*args)))
            except Exception as exc:
                outcomes.append((False, exc))
    return outcomes
