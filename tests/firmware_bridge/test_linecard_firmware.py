"""The reference firmware core on a simulated board and exchange: primary response and rings."""

from __future__ import annotations

from firmware_bridge.linecard import ndmsg
from firmware_bridge.linecard.firmware.core import LineCardCore
from firmware_bridge.linecard.firmware.sim import SimCall, SimExchange, SimHal
from firmware_bridge.linecard.protocol import MessageReader
from firmware_bridge.linecard.protocol.messages import (
    Audio,
    AudioStream,
    CidBytes,
    DtmfDigit,
    Hello,
    Hook,
    KeepAlive,
    Message,
    PlayAudio,
    Polarity,
    PrimaryResponse,
    RingStart,
    RingStop,
    SetHook,
    SetPolicy,
)
from firmware_bridge.linecard.protocol.stream import encode


def run(hal: SimHal, core: LineCardCore, until_ms: int, tick: int = 10) -> list[Message]:
    reader = MessageReader()
    out: list[Message] = []
    while hal.now < until_ms:
        core.step(hal.now)
        hal.now += tick
        for m in reader.feed(bytes(hal.to_host)):
            assert isinstance(m, Message), m
            if not isinstance(m, KeepAlive):
                out.append(m)
        hal.to_host.clear()
    return out


def test_number_display_call_gets_primary_response_fsk_completion_then_rings() -> None:
    call = SimCall(start_ms=1000, number="0312345678", rings=2)
    hal = SimHal(SimExchange([call]))
    messages = run(hal, LineCardCore(hal), 25_000)
    kinds = [type(m).__name__ for m in messages]
    assert kinds == [
        "Hello",
        "Car",
        "Car",
        "PrimaryResponse",
        "CidBytes",
        "PrimaryResponse",
        "PrimaryResponse",
        "RingStart",
        "RingStart",
        "RingStop",
    ]
    assert isinstance(messages[0], Hello) and messages[0].capabilities & Hello.CAP_PRIMARY_RESPONSE
    assert call.answered_at is not None and call.answered_at - call.start_ms < 6000
    assert call.completed_at is not None and call.completed_at > call.answered_at
    cid = messages[4]
    assert isinstance(cid, CidBytes)
    assert ndmsg.parse(cid.data) == (0x40, [(0x02, b"0312345678")])
    stages = [m.stage for m in messages if isinstance(m, PrimaryResponse)]
    assert stages == [PrimaryResponse.ANSWERED, PrimaryResponse.DATA, PrimaryResponse.COMPLETED]
    second = messages[8]
    assert isinstance(second, RingStart) and second.count == 2
    assert abs(second.cadence_ms[0] - 1000) <= 20 and abs(second.cadence_ms[1] - 2000) <= 20
    stop = messages[9]
    assert isinstance(stop, RingStop) and stop.count == 2


def test_withheld_number_reason_reaches_the_host() -> None:
    hal = SimHal(SimExchange([SimCall(start_ms=0, number=None, reason="P", rings=1)]))
    messages = run(hal, LineCardCore(hal), 8000)
    cid = next(m for m in messages if isinstance(m, CidBytes))
    assert ndmsg.parse(cid.data) == (0x40, [(0x21, b"P")])


def test_no_fsk_after_answer_gives_no_data_and_still_goes_on_hook() -> None:
    call = SimCall(start_ms=0, fsk_lost=True, rings=1)
    hal = SimHal(SimExchange([call]))
    messages = run(hal, LineCardCore(hal), 20_000)
    stages = [m.stage for m in messages if isinstance(m, PrimaryResponse)]
    assert stages == [PrimaryResponse.ANSWERED, PrimaryResponse.NO_DATA]
    assert hal.off_hook is False and any(isinstance(m, RingStart) for m in messages)


def test_policy_off_leaves_car_alone_and_reports_plain_rings() -> None:
    call = SimCall(start_ms=500, number_display=False, rings=3)
    hal = SimHal(SimExchange([call]))
    core = LineCardCore(hal)
    hal.from_host += encode(SetPolicy(0, primary_response=False, answer_delay_ms=0))
    messages = run(hal, core, 16_000)
    assert [type(m).__name__ for m in messages][1:] == ["RingStart"] * 3 + ["RingStop"]
    assert hal.exchange.hook_log == []


def test_host_commands_hook_audio_play_and_line_reports() -> None:
    hal = SimHal(SimExchange())
    core = LineCardCore(hal)
    run(hal, core, 100)
    hal.from_host += encode(SetHook(0, True)) + encode(PlayAudio(0, b"\xff" * 10))
    hal.from_host += encode(SetPolicy(0, True, 9000))
    hal.from_host += encode(AudioStream(0, True))
    hal.audio_in += bytes(range(200)) + bytes(150)
    hal.digits = "12#"
    hal.exchange.polarity_sign = -1
    messages = run(hal, core, 300)
    assert hal.off_hook and hal.played == b"\xff" * 10
    assert core.answer_delay_ms == 5000  # clamped inside the 6 s the exchange allows
    assert Hook(0, True) in messages and Polarity(0) in messages
    assert [m.digit for m in messages if isinstance(m, DtmfDigit)] == ["1", "2", "#"]
    frames = [m for m in messages if isinstance(m, Audio)]
    assert [len(f.ulaw) for f in frames] == [160, 160] and frames[1].seq == 1


def test_damaged_command_is_reported_not_obeyed() -> None:
    hal = SimHal(SimExchange())
    core = LineCardCore(hal)
    frame = bytearray(encode(SetHook(0, True)))
    frame[2] ^= 0x40
    hal.from_host += bytes(frame)
    messages = run(hal, core, 50)
    assert not hal.off_hook
    assert any(type(m).__name__ == "CardError" for m in messages)
