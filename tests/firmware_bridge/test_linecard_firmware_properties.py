"""Firmware core properties over random calls and random ring-detector noise."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from firmware_bridge.linecard.firmware.core import LineCardCore
from firmware_bridge.linecard.firmware.sim import SimCall, SimExchange, SimHal
from firmware_bridge.linecard.protocol import BadFrame, MessageReader
from firmware_bridge.linecard.protocol.messages import Message, PrimaryResponse

calls = st.builds(
    SimCall,
    start_ms=st.just(0),
    number=st.sampled_from(["0312345678", "09012345678", None]),
    reason=st.sampled_from(["P", "O", "C", "S"]),
    number_display=st.booleans(),
    rings=st.integers(0, 3),
    fsk_lost=st.booleans(),
)


def _run(hal: SimHal, core: LineCardCore, until: int) -> list[Message | BadFrame]:
    reader = MessageReader()
    out: list[Message | BadFrame] = []
    while hal.now < until:
        core.step(hal.now)
        hal.now += 10
        out += reader.feed(bytes(hal.to_host))
        hal.to_host.clear()
    return out


@settings(max_examples=15, deadline=None)
@given(calls)
def test_every_primary_response_is_in_time_and_always_ends_on_hook(call: SimCall) -> None:
    hal = SimHal(SimExchange([call]))
    out = _run(hal, LineCardCore(hal), 30_000)
    assert not any(isinstance(m, BadFrame) for m in out)
    assert hal.off_hook is False
    stages = [m.stage for m in out if isinstance(m, PrimaryResponse)]
    if call.number_display:
        assert stages[0] == PrimaryResponse.ANSWERED and stages[-1] in (
            PrimaryResponse.COMPLETED,
            PrimaryResponse.NO_DATA,
        )
        assert call.answered_at is not None and call.answered_at - call.start_ms < 6000
    else:
        assert stages == [] and hal.exchange.hook_log == []


class NoisyHal(SimHal):
    """A ring detector that chatters at random."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.rng = random.Random(seed)
        self.level = False
        self.quiet = False

    def ring_detect(self) -> bool:
        if self.quiet:
            return False
        if self.rng.random() < 0.05:
            self.level = not self.level
        return self.level

    def fsk_read(self) -> bytes:
        return self.rng.randbytes(self.rng.randrange(3)) if self.off_hook else b""


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32))
def test_chattering_detector_never_wedges_the_card(seed: int) -> None:
    hal = NoisyHal(seed)
    core = LineCardCore(hal)
    out = _run(hal, core, 20_000)
    assert not any(isinstance(m, BadFrame) for m in out)
    hal.quiet = True
    _run(hal, core, 35_000)
    assert hal.off_hook is False
