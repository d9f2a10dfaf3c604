"""Voice over the pty emulator: answer, greeting, record, DTMF, remote hang-up, dial, voicemail."""

from __future__ import annotations

import array
import asyncio
import math
from collections.abc import Callable
from typing import Any

import pytest

from drivers.base import (
    Answer,
    AudioFrame,
    CallerId,
    Dial,
    DialResult,
    Dtmf,
    HangUp,
    OffHook,
    OnHook,
    Play,
    Record,
    Ring,
    ToneEvent,
)
from drivers.modem import dtmf, hangup, talk
from drivers.modem.audio import s16_to_u8


async def _eventually(test: Callable[[], bool], wait_s: float = 3.0) -> None:
    for _ in range(int(wait_s / 0.01)):
        if test():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


def _greeting(seconds: float = 0.3) -> bytes:
    n = int(seconds * 8000)
    return array.array(
        "h", (int(12000 * math.sin(2 * math.pi * 440 * k / 8000)) for k in range(n))
    ).tobytes()


@pytest.mark.parametrize(
    ("chipset", "how", "tone"),
    [
        ("usr5637", "busy", "busy"),
        ("conexant", "silence", "quiet"),
        ("agere", "silence", "silence"),
        ("silabs", "dialtone", "dialtone"),
        ("rockwell", "loop", "loop_break"),
    ],
)
async def test_answer_play_record_dtmf_remote_hangup(
    rig: Any, chipset: str, how: str, tone: str
) -> None:
    emu, driver, events = await rig(chipset)
    emu.place_call(
        "0662345678",
        "スズキ イチロウ",
        rings=6,
        ring_interval_s=0.2,
        caller=(talk(0.6), dtmf("5"), talk(0.2), dtmf("#"), hangup(how)),
    )
    await events.first(CallerId)
    await driver.send(Answer("line1"))
    await events.first(OffHook)
    greeting = _greeting()
    await driver.send(Play("line1", greeting))
    assert bytes(emu.core.played) == s16_to_u8(greeting)  # every byte, 0x10 included
    await driver.send(Record("line1"))
    hung = await events.first(OnHook, wait_s=6)
    assert hung.remote
    assert [d.digit for d in events.of(Dtmf)] == ["5", "#"]
    assert tone in [t.tone for t in events.of(ToneEvent)]
    frames = events.of(AudioFrame)
    assert frames and sum(len(f.pcm) for f in frames) > 2 * 8000 * 0.3
    await _eventually(lambda: emu.core.log[-1] == "AT+FCLASS=0")
    assert "ATH0" in emu.core.log and not emu.core.offhook
    if chipset == "usr5637":  # the bogus <DLE>d while streaming was not taken for a hang-up
        assert "dialtone" not in [t.tone for t in events.of(ToneEvent)]


async def test_host_hangs_up_while_recording(rig: Any) -> None:
    emu, driver, events = await rig("conexant")
    emu.place_call("0312345678", rings=6, ring_interval_s=0.2, caller=(talk(5.0),))
    await events.first(Ring)
    await driver.send(Answer("line1"))
    await driver.send(Record("line1"))
    await events.first(AudioFrame)
    await driver.send(HangUp("line1"))
    hung = await events.first(OnHook)
    assert not hung.remote and not emu.core.offhook and emu.core.stream == ""


@pytest.mark.parametrize(
    ("outcome", "want"),
    [
        ("answer", "CONNECT"),
        ("BUSY", "BUSY"),
        ("NO DIALTONE", "NO DIALTONE"),
        ("NO CARRIER", "NO CARRIER"),
        ("NO ANSWER", "NO ANSWER"),
        ("ERROR", "ERROR"),
    ],
)
async def test_dial_out_every_result(rig: Any, outcome: str, want: str) -> None:
    emu, driver, events = await rig("usr5637")
    emu.core.dial_outcomes["0451234567"] = outcome
    await driver.send(Dial("line1", "045-123-4567"))
    result = await events.first(DialResult)
    assert (result.result, result.number) == (want, "0451234567")
    assert emu.core.offhook is (want == "CONNECT")
    if want == "CONNECT":
        await driver.send(HangUp("line1"))
        await events.first(OnHook)


async def test_dial_refuses_letters(rig: Any) -> None:
    _emu, driver, _events = await rig("conexant")
    with pytest.raises(ValueError, match="cannot dial"):
        await driver.send(Dial("line1", "03-1234-ABCD; ATZ"))


async def test_auto_answer_greets_beeps_and_records_a_message(rig: Any) -> None:
    emu, driver, events = await rig("conexant", auto_answer_rings=2)
    greeting = _greeting(0.2)
    driver.enable_auto_answer(2, greeting)
    emu.place_call(
        "0312345678", "タナカ", rings=6, ring_interval_s=0.2, caller=(talk(0.5), hangup("busy"))
    )
    hung = await events.first(OnHook, wait_s=6)
    assert hung.remote
    assert [r.count for r in events.of(Ring)] == [1, 2]
    assert bytes(emu.core.played).startswith(s16_to_u8(greeting))
    assert len(emu.core.played) > len(s16_to_u8(greeting))  # the beep followed
    assert events.of(AudioFrame)


async def test_commands_refused_while_disconnected(rig: Any) -> None:
    emu, driver, events = await rig("conexant")
    await emu.unplug()
    await events.until(lambda s: driver.voice.state == "idle" and not driver._transport.open)
    with pytest.raises(ConnectionError):
        await driver.send(Answer("line1"))
