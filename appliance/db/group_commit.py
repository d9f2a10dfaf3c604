"""CommitGroup: short writes that arrive together share one transaction and one commit."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import peewee

from appliance.db.executor import DbExecutor
from appliance.db.models.base import database_proxy

Job = tuple[Callable[..., Any], tuple[Any, ...], "asyncio.Future[Any]"]
Outcomes = list[tuple[bool, Any]]
LOCKED_PATIENCE_S = 300.0  # how long call writes wait out another process's write lock
RETRY_S = 0.2
log = logging.getLogger(__name__)


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
                outcomes = await self._commit([(f, a) for f, a, _ in batch])
                for (_, _, future), (ok, value) in zip(batch, outcomes, strict=True):
                    if future.done():  # its caller was cancelled
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        finally:
            self._draining = False

    async def _commit(self, jobs: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> Outcomes:
        waited = 0.0
        while True:
            started = time.monotonic()
            try:
                return await self.executor.run(_run_batch, jobs)
            except peewee.OperationalError as exc:
                # Another process holds the write lock past the busy timeout (a CLI import of a
                # big file): nothing of the batch ran, so waiting and trying again loses no call.
                waited += time.monotonic() - started
                if "locked" not in str(exc) or waited > LOCKED_PATIENCE_S:
                    return [(False, exc)] * len(jobs)
                log.warning(
                    "database busy (another process is writing): %d write(s) wait", len(jobs)
                )
                await asyncio.sleep(RETRY_S)
                waited += RETRY_S
            except BaseException as exc:  # the commit itself failed: nothing of it is kept
                return [(False, exc)] * len(jobs)


class BatchLostError(RuntimeError):
    """SQLite rolled a whole batch back (disk full, I/O error): none of its writes was kept."""


def _run_batch(jobs: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
    outcomes: list[tuple[bool, Any]] = []
    lost: BatchLostError | None = None
    try:
        with database_proxy.atomic():
            for fn, args in jobs:
                ok, value = _run_job(fn, args)
                outcomes.append((ok, value))
                if ok or database_proxy.connection().in_transaction:
                    continue
                # The error ended the transaction, earlier writes with it; a savepoint now
                # would start and commit a transaction of its own: every caller is told.
                lost = BatchLostError(
                    f"書き込みが失われました / the writes of this batch were lost: {value}"
                )
                raise lost from value
    except peewee.OperationalError:
        if lost is None:
            raise
        # peewee's ROLLBACK found no transaction left to roll back
    if lost is not None:
        raise lost
    return outcomes


def _run_job(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
    """fn(*args) in a savepoint -> (True, result), or (False, the error fn raised): a failing
    write is undone alone (when its savepoint cannot be, its own error is still the one kept)."""
    failed: Exception | None = None
    try:
        with database_proxy.atomic():
            try:
                return True, fn(*args)
            except Exception as exc:
                failed = exc
                raise
    except Exception as exc:
        return False, failed or exc
