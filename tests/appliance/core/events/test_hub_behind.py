"""A desk that reads too slowly cannot make the box hold its events forever: past its limit
it is dropped and resumes from the ring with since=."""

from __future__ import annotations

from appliance.core.events import EventHub


async def test_a_subscriber_that_falls_behind_is_dropped_and_can_resume() -> None:
    hub = EventHub(capacity=64, max_queued=8)
    _, slow = hub.subscribe()
    _, quick = hub.subscribe()
    for i in range(10):
        hub.publish("ring", {"count": i})
        while not quick.empty():  # this one keeps up
            quick.get_nowait()
    assert slow in hub.behind and slow.qsize() == 1 and slow.get_nowait() is None
    assert quick not in hub.behind
    backlog, again = hub.subscribe(since=0)  # reconnecting with since= gets what it missed
    assert [e.data["count"] for e in backlog] == list(range(10))
    hub.publish("ring", {"count": 10})
    assert again.get_nowait().data == {"count": 10}
    hub.unsubscribe(slow)
    assert slow not in hub.behind
