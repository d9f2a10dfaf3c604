"""`change` events: a burst of commits gives one event to every desk, later commits another."""

from __future__ import annotations

import asyncio

from appliance.core.events import EventHub, change_notice


async def test_a_burst_of_commits_gives_one_change_event() -> None:
    hub = EventHub()
    _, queue = hub.subscribe()
    for _ in range(50):  # an import's worth of notes within one tick
        change_notice.committed(hub)
    first = await queue.get()
    assert first is not None and first.kind == "change"
    change_notice.committed(hub)  # a later commit: one more
    second = await queue.get()
    assert second is not None and second.kind == "change" and second.seq == first.seq + 1
    await asyncio.sleep(change_notice.DELAY_S * 3)
    assert queue.empty()
