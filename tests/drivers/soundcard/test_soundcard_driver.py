"""Sound-card driver on the shipped WAV source: caller ID, rings, JP notice, recording, unplug."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np
import pytest

from drivers.base import (
    Answer,
    AudioFrame,
    CallerId,
    DeviceStatus,
    LineEvent,
    OffHook,
    OnHook,
    Reason,
    Record,
    Ring,
    RingingStopped,
    Standard,
)
from drivers.callerid import synth
from drivers.callerid.fsk import V23
from drivers.soundcard import HOOK_NOTICE, SoundcardDriver, WavFileSource

RATE = 8000


def ring(seconds: float, hz: float = 20.0) -> np.ndarray:
    return 0.3 * np.sin(2 * np.pi * hz * np.arange(int(RATE * seconds)) / RATE)


def write(path: Path, x: np.ndarray, rate: int = RATE) -> Path:
    if rate != RATE:
        x = np.interp(np.arange(int(x.size * rate / RATE)) * RATE / rate, np.arange(x.size), x)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(synth.to_pcm16(x))
    return path


def us_call() -> np.ndarray:
    frame = synth.mdmf([(0x01, b"03151230"), (0x02, b"2125550100"), (0x07, b"SMITH JOHN")])
    parts = [
        synth.silence(0.3),
        ring(2.0),
        synth.silence(0.5),
        synth.fsk(frame),
        synth.silence(1.0),
    ]
    return synth.noise(np.concatenate(parts), 25.0)


async def collect(driver: SoundcardDriver, until: type[LineEvent] | None = None) -> list[LineEvent]:
    await driver.start()
    out: list[LineEvent] = []

    async def run() -> None:
        async for event in driver.events():
            out.append(event)
            if isinstance(event, DeviceStatus) and event.state in ("stopped", "failed"):
                return
            if until is not None and isinstance(event, until):
                return

    await asyncio.wait_for(run(), 30)
    await driver.stop()
    return out


async def test_us_call_gives_ring_then_caller_id_then_ringing_stopped(tmp_path: Path) -> None:
    driver = SoundcardDriver(WavFileSource([write(tmp_path / "us.wav", us_call())]), line="line2")
    events = await collect(driver)
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["DeviceStatus", "Ring", "CallerId", "RingingStopped", "DeviceStatus"]
    ring_event, cid = events[1], events[2]
    assert isinstance(ring_event, Ring) and ring_event.count == 1 and not ring_event.car
    assert isinstance(cid, CallerId)
    assert (cid.line, cid.number, cid.name, cid.when) == (
        "line2",
        "2125550100",
        "SMITH JOHN",
        "03151230",
    )
    assert cid.standard is Standard.BELL202_MDMF
    assert cid.raw == ("type=0x80;01=03151230;02=2125550100;07=SMITH JOHN",)
    assert (0x02, b"2125550100") in cid.fields
    assert isinstance(events[3], RingingStopped) and events[3].rings == 1


async def test_48khz_card_is_resampled(tmp_path: Path) -> None:
    driver = SoundcardDriver(WavFileSource([write(tmp_path / "us48.wav", us_call(), 48000)]))
    events = await collect(driver)
    assert isinstance(events[0], DeviceStatus) and "48000 Hz" in events[0].detail
    assert [e.number for e in events if isinstance(e, CallerId)] == ["2125550100"]


async def test_japan_states_hook_control_and_decodes_after_car(tmp_path: Path) -> None:
    on, off = ring(0.5, 16.0), synth.silence(0.5)
    frame = synth.jclip([(0x04, b"P")])
    burst = synth.fsk(frame, V23, seizure=0, marks=300, stop_bits=5)
    x = np.concatenate([synth.silence(0.2), on, off, on, off, synth.silence(0.4), burst, off])
    driver = SoundcardDriver(WavFileSource([write(tmp_path / "jp.wav", x)]), region="JP")
    assert driver.needs_hook_control
    events = await collect(driver)
    first = events[0]
    assert isinstance(first, DeviceStatus) and first.state == "needs-hook-control"
    assert first.detail == HOOK_NOTICE and "フック制御" in first.detail
    rings = [e for e in events if isinstance(e, Ring)]
    assert [r.car for r in rings] == [True, True]
    (cid,) = [e for e in events if isinstance(e, CallerId)]
    assert (cid.standard, cid.number, cid.reason) == (Standard.NTT_JCLIP, None, Reason.WITHHELD)


async def test_dtmf_withheld_and_corrupt_fsk_is_reason_e(tmp_path: Path) -> None:
    bad = bytearray(synth.mdmf([(0x02, b"0312345678")]))
    bad[5] ^= 0x04
    x = np.concatenate(
        [
            synth.silence(0.3),
            synth.dtmf("B10C"),
            synth.silence(1.0),
            synth.fsk(bytes(bad)),
            synth.silence(1.0),
        ]
    )
    events = await collect(SoundcardDriver(WavFileSource([write(tmp_path / "mix.wav", x)])))
    cids = [e for e in events if isinstance(e, CallerId)]
    assert [(c.standard, c.reason, c.number) for c in cids] == [
        (Standard.DTMF, Reason.WITHHELD, None),
        (Standard.BELL202_MDMF, Reason.ERROR, None),
    ]


async def test_recording_tap_carries_the_captured_audio(tmp_path: Path) -> None:
    path = write(tmp_path / "call.wav", us_call())
    sunk: list[bytes] = []
    driver = SoundcardDriver(
        WavFileSource([path]), recording_sink=lambda pcm, rate: sunk.append(pcm)
    )
    await driver.send(Record("line1", on=True))
    events = await collect(driver)
    frames = [e for e in events if isinstance(e, AudioFrame)]
    with wave.open(str(path), "rb") as w:
        original = w.readframes(w.getnframes())
    assert b"".join(f.pcm for f in frames) == original == b"".join(sunk)
    assert {f.rate for f in frames} == {RATE}
    with pytest.raises(NotImplementedError, match="hook control"):
        await driver.send(Answer("line1"))


async def test_unplug_and_replug_reconnects_with_backoff(tmp_path: Path) -> None:
    path = write(tmp_path / "long.wav", np.concatenate([synth.silence(2.0), us_call()]))
    source = WavFileSource([path], speed=8.0)
    driver = SoundcardDriver(source, retry_min_s=0.02, retry_max_s=0.08)
    await driver.start()
    seen: list[LineEvent] = []

    async def until(pred: object) -> LineEvent:
        async for event in driver.events():
            seen.append(event)
            if pred(event):  # type: ignore[operator]
                return event
        raise AssertionError("event stream ended")

    await asyncio.wait_for(until(lambda e: isinstance(e, DeviceStatus)), 10)
    source.unplug()
    await asyncio.wait_for(
        until(lambda e: isinstance(e, DeviceStatus) and e.state == "reconnecting"), 10
    )
    await asyncio.sleep(0.3)
    source.replug()
    await asyncio.wait_for(
        until(lambda e: isinstance(e, DeviceStatus) and e.state == "connected"), 10
    )
    await asyncio.wait_for(until(lambda e: isinstance(e, CallerId)), 20)
    await driver.stop()
    states = [e.state for e in seen if isinstance(e, DeviceStatus)]
    assert states[0] == "connected" and states[-1] == "connected"
    assert states.count("reconnecting") >= 3  # kept retrying while the card was out
    retry = [e.detail for e in seen if isinstance(e, DeviceStatus) and e.state == "reconnecting"]
    assert "retry in 0.08 s" in retry[-1]  # backoff doubled up to its ceiling
    assert source.opens == 2


async def test_unknown_standard_refused_and_bad_file_reported(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        SoundcardDriver(WavFileSource([tmp_path / "x.wav"]), standard="morse")
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio")
    events = await collect(SoundcardDriver(WavFileSource([bad])))
    assert isinstance(events[-1], DeviceStatus) and events[-1].state == "failed"
    assert "bad.wav" in events[-1].detail


async def test_a_replayed_answered_call_is_answered_after_caller_id_and_ends_with_the_audio(
    tmp_path: Path,
) -> None:
    talk = synth.noise(0.2 * np.sin(2 * np.pi * 440 * np.arange(RATE * 2) / RATE), 30.0)
    path = write(tmp_path / "answered.wav", np.concatenate([us_call(), talk]))
    driver = SoundcardDriver(WavFileSource([path]), line="line2", answer_after_s=0.5)
    events = await collect(driver)
    kinds = [type(e).__name__ for e in events if not isinstance(e, AudioFrame)]
    assert kinds == ["DeviceStatus", "Ring", "CallerId", "OffHook", "OnHook", "DeviceStatus"]
    assert all(e.line == "line2" for e in events)
    on_hook = next(e for e in events if isinstance(e, OnHook))
    assert on_hook.remote  # the replay ended: the far end hung up
    with pytest.raises(ValueError, match="answer_after_s"):
        SoundcardDriver(WavFileSource([path]), answer_after_s=-1.0)


async def test_without_answer_after_a_call_is_never_answered(tmp_path: Path) -> None:
    driver = SoundcardDriver(WavFileSource([write(tmp_path / "us.wav", us_call())]))
    events = await collect(driver)
    assert not any(isinstance(e, (OffHook, OnHook)) for e in events)
