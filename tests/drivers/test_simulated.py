"""The simulated line plays scripted calls as the same events a real driver emits."""

from __future__ import annotations

from drivers.base import CallerId, LineDriver, OffHook, OnHook, Reason, Ring, RingingStopped
from drivers.simulated import ScriptedCall, SimulatedLine


async def test_scripted_calls_play_in_order() -> None:
    line = SimulatedLine(
        calls=[
            ScriptedCall("0312345678", "ヤマダ タロウ", rings=2, answered=True, talk_s=0.01),
            ScriptedCall(None, reason=Reason.WITHHELD, rings=1, answered=False),
        ],
        pace=0.0,
    )
    assert isinstance(line, LineDriver)
    await line.start()
    events = [e async for e in line.events()]
    await line.stop()
    kinds = [type(e) for e in events]
    assert kinds == [Ring, CallerId, Ring, OffHook, OnHook, Ring, CallerId, RingingStopped]
    first = events[1]
    assert isinstance(first, CallerId) and first.number == "0312345678"
    withheld = events[6]
    assert isinstance(withheld, CallerId) and withheld.reason is Reason.WITHHELD
    assert withheld.number is None
