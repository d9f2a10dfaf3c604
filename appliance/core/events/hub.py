"""Event hub: numbered events in a ring buffer, so a desk that reconnects resumes without loss."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from appliance.contract import Event


class ResumeGapError(Exception):
    """The events after `since` have left the ring buffer; the desk must reload its state."""


MAX_QUEUED = 512  # events waiting for one subscriber; past this it is dropped (it resumes)


class EventHub:
    """Publishes events to subscribers; keeps the last `capacity` for resume. A subscriber
    that falls MAX_QUEUED events behind is dropped: its queue is emptied and ends (None), it
    is in `behind`, and it comes back with since= (the ring holds what it missed)."""

    def __init__(self, capacity: int = 1024, max_queued: int = MAX_QUEUED) -> None:
        self._ring: deque[Event] = deque(maxlen=capacity)
        self._seq = 0
        self._subscribers: set[asyncio.Queue[Event | None]] = set()
        self.max_queued = max_queued
        self.behind: set[asyncio.Queue[Event | None]] = set()
        self._text: dict[int, str] = {}  # seq -> JSON, encoded once for every desk

    @property
    def last_seq(self) -> int:
        """The sequence number of the newest event (0 before any)."""
        return self._seq

    def publish(self, kind: str, data: dict[str, Any] | None = None) -> Event:
        """Number the event, keep it, hand it to every subscriber."""
        self._seq += 1
        event = Event(seq=self._seq, kind=kind, data=data or {})
        if len(self._ring) == self._ring.maxlen:
            self._text.pop(self._ring[0].seq, None)
        self._ring.append(event)
        self._text[event.seq] = event.model_dump_json()
        slow = []
        for queue in self._subscribers:
            if queue.qsize() >= self.max_queued:
                slow.append(queue)
            else:
                queue.put_nowait(event)
        for queue in slow:  # memory stays bounded however slow a desk reads
            self._subscribers.discard(queue)
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(None)
            self.behind.add(queue)
        return event

    def encoded(self, event: Event) -> str:
        """The event as JSON text, encoded once however many desks receive it."""
        text = self._text.get(event.seq)
        return text if text is not None else event.model_dump_json()

    def since(self, seq: int) -> list[Event]:
        """Events after `seq`; ResumeGapError if some of them are gone."""
        if seq >= self._seq:
            return []
        oldest = self._ring[0].seq if self._ring else self._seq + 1
        if seq + 1 < oldest:
            raise ResumeGapError(f"events {seq + 1}..{oldest - 1} are no longer kept")
        return [e for e in self._ring if e.seq > seq]

    def subscribe(
        self, since: int | None = None
    ) -> tuple[list[Event], asyncio.Queue[Event | None]]:
        """Backlog after `since` (none if None) plus a queue of what comes next, atomically.

        The hub puts only events; None is left for the subscriber's own wake-up (e.g. gone)."""
        backlog = self.since(since) if since is not None else []
        queue: asyncio.Queue[Event | None] = asyncio.Queue()
        self._subscribers.add(queue)
        return backlog, queue

    def unsubscribe(self, queue: asyncio.Queue[Event | None]) -> None:
        """Stop delivering to a queue."""
        self._subscribers.discard(queue)
        self.behind.discard(queue)
