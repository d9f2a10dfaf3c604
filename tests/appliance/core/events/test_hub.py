"""Event hub: sequence numbers, resume from a ring buffer, gaps reported."""

from __future__ import annotations

import pytest

from appliance.core.events import EventHub, ResumeGapError


def test_resume_returns_exactly_the_missed_events() -> None:
    hub = EventHub(capacity=8)
    for i in range(5):
        hub.publish("ring", {"line": str(i)})
    assert [e.seq for e in hub.since(2)] == [3, 4, 5]
    assert hub.since(5) == []
    backlog, queue = hub.subscribe(since=4)
    hub.publish("callerid")
    assert [e.seq for e in backlog] == [5]
    assert queue.get_nowait().seq == 6
    hub.unsubscribe(queue)
    hub.publish("end")
    assert queue.empty()


def test_gap_past_the_ring_is_reported() -> None:
    hub = EventHub(capacity=3)
    for _ in range(6):
        hub.publish("ring")
    assert [e.seq for e in hub.since(3)] == [4, 5, 6]
    with pytest.raises(ResumeGapError, match=r"3\.\.3"):
        hub.since(2)
