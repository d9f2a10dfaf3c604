"""DbExecutor: the one thread that does all peewee work, awaited from the event loop."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class DbExecutor:
    """Runs database functions one at a time on a single dedicated thread."""

    def __init__(self, name: str = "ringdesk-db") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread_id: int | None = None
        self._pool.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_id = threading.get_ident()

    def in_thread(self) -> bool:
        """True when called from the executor's own thread."""
        return threading.get_ident() == self._thread_id

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run fn(*args, **kwargs) on the database thread without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run fn on the database thread and wait (for synchronous callers, never the loop)."""
        if self.in_thread():
            return fn(*args, **kwargs)
        return self._pool.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        """Finish queued work and stop the thread."""
        self._pool.shutdown(wait=True)
