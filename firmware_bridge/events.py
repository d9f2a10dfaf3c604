"""EventQueue: the async event stream every bridge driver hands out through events()."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

from drivers.base import LineEvent


class EventQueue:
    """Buffers LineEvents in order; iterate() ends once close() has been called and drained."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[LineEvent | None] = asyncio.Queue()

    def put(self, event: LineEvent) -> None:
        """Queue one event."""
        self._queue.put_nowait(event)

    def put_all(self, events: Iterable[LineEvent]) -> None:
        """Queue several events in order."""
        for event in events:
            self._queue.put_nowait(event)

    def close(self) -> None:
        """End the stream after the events already queued."""
        self._queue.put_nowait(None)

    async def iterate(self) -> AsyncIterator[LineEvent]:
        """Yield events until close()."""
        while True:
            event = await self._queue.get()
            if event is None:
                return
            yield event
