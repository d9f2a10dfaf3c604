"""The line-card driver: translation of every report, and the emulated card over a real pty."""

from __future__ import annotations

import asyncio
import math
import struct

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import (
    Answer,
    AudioFrame,
    CallerId,
    DeviceStatus,
    LineEvent,
    OffHook,
    Reason,
    Record,
    Ring,
    RingingStopped,
    Standard,
    Unparsed,
)
from firmware_bridge.linecard import ndmsg, ulaw
from firmware_bridge.linecard.driver import LineCardDriver, LineCardTranslator
from firmware_bridge.linecard.emulator import LineCardEmulator
from firmware_bridge.linecard.framing import encode_frame
from firmware_bridge.linecard.protocol.messages import Audio, CidBytes, CidFields, RingStart
from firmware_bridge.linecard.protocol.stream import encode


def test_ulaw_round_trip_is_close() -> None:
    pcm = struct.pack("<5h", 0, 1000, -1000, 32767, -32768)
    back = struct.unpack("<5h", ulaw.decode(ulaw.encode(pcm)))
    for a, b in zip(struct.unpack("<5h", pcm), back, strict=True):
        assert abs(a - b) <= max(8, abs(a) // 16)
    assert ulaw.encode(struct.pack("<h", 0)) == b"\xff"


def test_translator_maps_reports_and_keeps_bad_frames() -> None:
    tr = LineCardTranslator("card1")
    msg = ndmsg.build([(0x02, b"0452123456")])
    wire = encode(CidBytes(0, 0, msg)) + b"\x13\x37\x00" + encode(RingStart(0, 2, (1000, 2000)))
    wire += encode(CidBytes(0, 0, msg[:-1] + b"\x00"))
    wire += encode(CidFields(0, 0x80, ((0x02, b"5551234567"), (0x07, b"JOHN DOE"))))
    wire += encode(Audio(0, 0, b"\xff" * 160))
    events: list[LineEvent] = []
    for b in wire:
        events += tr.feed(bytes([b]))
    cid, junk, ring, bad_crc, us, audio = events
    assert isinstance(cid, CallerId) and cid.number == "0452123456"
    assert cid.standard is Standard.NTT_JCLIP
    assert isinstance(junk, Unparsed) and isinstance(ring, Ring) and ring.count == 2
    assert isinstance(bad_crc, Unparsed) and "CRC" in bad_crc.why
    assert isinstance(us, CallerId) and us.name == "JOHN DOE"
    assert isinstance(audio, AudioFrame) and audio.pcm == bytes(320)


async def test_emulated_card_over_pty_gives_caller_id_before_the_first_ring() -> None:
    card = LineCardEmulator(speed=20)
    driver = LineCardDriver("card", card.path, "line1", retry_s=0.05)
    await card.start()
    await driver.start()
    events: list[LineEvent] = []
    stream = driver.events()
    async with asyncio.timeout(10):
        while not any(isinstance(e, DeviceStatus) and "protocol 1" in e.detail for e in events):
            events.append(await anext(stream))
        card.place_call(None, "P", rings=2)
        while not isinstance(events[-1], RingingStopped):
            events.append(await anext(stream))
        await driver.send(Answer("line1"))
        await driver.send(Record("line1", on=True))
        tone = b"".join(struct.pack("<h", int(8000 * math.sin(i / 5))) for i in range(400))
        card.hal.audio_in += ulaw.encode(tone)
        while not any(isinstance(e, AudioFrame) for e in events):
            events.append(await anext(stream))
    await driver.stop()
    await card.stop()
    cid = next(e for e in events if isinstance(e, CallerId))
    first_ring = next(e for e in events if isinstance(e, Ring) and not e.car)
    assert cid.reason is Reason.WITHHELD and cid.number is None
    assert events.index(cid) < events.index(first_ring)
    assert any(isinstance(e, OffHook) for e in events)
    assert card.hal.off_hook


@given(
    st.lists(
        st.one_of(
            st.binary(max_size=40),
            st.builds(lambda d: encode(CidBytes(0, 0, d)), st.binary(max_size=60)),
            st.builds(
                lambda k, b: encode_frame(k, 0, b), st.integers(0, 255), st.binary(max_size=20)
            ),
        ),
        max_size=8,
    )
)
def test_translator_survives_any_frames(chunks: list[bytes]) -> None:
    tr = LineCardTranslator("card1")
    for chunk in chunks:
        for event in tr.feed(chunk):
            assert event.line == "card1"
