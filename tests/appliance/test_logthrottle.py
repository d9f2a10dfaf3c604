"""RepeatFilter: a burst of one kind of line passes, the rest is dropped and counted."""

from __future__ import annotations

import logging

from appliance.logthrottle import RepeatFilter


def _record(msg: str, *args: object, name: str = "uvicorn.error") -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, None)


def test_a_repeated_line_passes_a_burst_then_is_counted_until_the_window_ends() -> None:
    now = [0.0]
    rate = RepeatFilter(burst=3, window_s=10.0, clock=lambda: now[0])
    passed = [
        rate.filter(_record("Invalid HTTP request from %s", f"10.0.0.{i}")) for i in range(1000)
    ]
    assert passed.count(True) == 3 and passed[:3] == [True] * 3
    assert rate.filter(_record("another kind of line"))  # other lines are not held back
    assert rate.filter(_record("Invalid HTTP request from %s", "x", name="other.logger"))
    now[0] = 10.0
    after = _record("Invalid HTTP request from %s", "10.0.0.9")
    assert rate.filter(after)
    assert after.getMessage() == (
        "Invalid HTTP request from 10.0.0.9 [997 more like this were not logged]"
    )
    assert rate.filter(_record("Invalid HTTP request from %s", "y"))  # a new window: a new burst


def test_kinds_tracked_are_bounded() -> None:
    rate = RepeatFilter(burst=1, window_s=60.0, clock=lambda: 0.0)
    for i in range(5000):
        assert rate.filter(_record(f"line {i}"))
    assert len(rate._seen) <= 1024
