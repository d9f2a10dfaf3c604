"""Line-card protocol: COBS/CRC framing, every message round-trips, splits, corruption, garbage."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from firmware_bridge.linecard.framing import cobs_decode, cobs_encode, crc16, encode_frame
from firmware_bridge.linecard.protocol import BadFrame, MessageReader
from firmware_bridge.linecard.protocol.messages import (
    Audio,
    Car,
    CardError,
    CidBytes,
    CidFields,
    DtmfDigit,
    Hello,
    HelloRequest,
    Hook,
    KeepAlive,
    Message,
    Ping,
    PlayAudio,
    Polarity,
    PrimaryResponse,
    RingStart,
    RingStop,
    SetHook,
    SetPolicy,
)
from firmware_bridge.linecard.protocol.stream import encode

u8 = st.integers(0, 255)
small_bytes = st.binary(max_size=200)
cadence = st.lists(st.integers(0, 65535), max_size=4).map(tuple)
messages: st.SearchStrategy[Message] = st.one_of(
    st.builds(Hello, u8, u8, st.integers(0, 65535), st.text(max_size=20)),
    st.builds(RingStart, u8, u8, cadence),
    st.builds(RingStop, u8, u8, cadence),
    st.builds(Car, u8, st.booleans()),
    st.builds(Polarity, u8),
    st.builds(Hook, u8, st.booleans()),
    st.builds(CidBytes, u8, u8, small_bytes),
    st.builds(CidFields, u8, u8, st.lists(st.tuples(u8, small_bytes), max_size=5).map(tuple)),
    st.builds(DtmfDigit, u8, st.sampled_from(list("0123456789*#ABCD"))),
    st.builds(Audio, u8, st.integers(0, 65535), st.binary(min_size=160, max_size=160)),
    st.builds(KeepAlive, st.integers(0, 2**32 - 1)),
    st.builds(PrimaryResponse, u8, st.integers(1, 4)),
    st.builds(CardError, st.text(max_size=40)),
    st.builds(SetHook, u8, st.booleans()),
    st.builds(SetPolicy, u8, st.booleans(), st.integers(0, 6000)),
    st.builds(PlayAudio, u8, small_bytes),
    st.just(Ping()),
    st.just(HelloRequest()),
)


def test_known_vectors() -> None:
    assert crc16(b"123456789") == 0x29B1
    assert cobs_encode(b"\x11\x22\x00\x33") == b"\x03\x11\x22\x02\x33"
    assert cobs_encode(b"\x00") == b"\x01\x01"
    assert cobs_decode(b"\x03\x11\x22\x02\x33") == b"\x11\x22\x00\x33"
    assert cobs_decode(b"\x05\x11") is None


@given(st.binary(max_size=600))
def test_cobs_round_trip_has_no_zero(data: bytes) -> None:
    encoded = cobs_encode(data)
    assert 0 not in encoded and cobs_decode(encoded) == data


@given(st.lists(messages, max_size=6), st.data())
def test_messages_round_trip_split_anywhere(batch: list[Message], data: st.DataObject) -> None:
    wire = b"".join(encode(m, i) for i, m in enumerate(batch))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(wire)), max_size=10)))
    reader = MessageReader()
    got: list[Message | BadFrame] = []
    prev = 0
    for cut in [*cuts, len(wire)]:
        got += reader.feed(wire[prev:cut])
        prev = cut
    assert got == batch


def test_byte_at_a_time() -> None:
    wire = encode(Hello(1, 1, 15, "rp2040 0.1")) + encode(RingStart(0, 2, (1000, 2000)))
    reader = MessageReader()
    got = [m for b in wire for m in reader.feed(bytes([b]))]
    assert got == [Hello(1, 1, 15, "rp2040 0.1"), RingStart(0, 2, (1000, 2000))]


@given(messages, st.integers(0, 10_000), st.integers(1, 255))
def test_any_single_corruption_is_caught_and_the_next_frame_survives(
    message: Message, where: int, flip: int
) -> None:
    frame = bytearray(encode(message))
    spot = where % (len(frame) - 1)  # leave the delimiter so framing resynchronises
    frame[spot] ^= flip
    follower = KeepAlive(1234)
    got = MessageReader().feed(bytes(frame) + encode(follower))
    assert got[-1] == follower
    assert all(isinstance(m, BadFrame) for m in got[:-1])


@given(st.binary(max_size=500))
def test_garbage_never_crashes_and_resyncs(blob: bytes) -> None:
    reader = MessageReader()
    reader.feed(blob)
    assert reader.feed(b"\x00" + encode(Ping()))[-1] == Ping()


def test_version_and_unknown_type_and_short_body_are_bad_frames() -> None:
    future = cobs_encode(b"\x02\x85\x00" + crc16(b"\x02\x85\x00").to_bytes(2, "big")) + b"\x00"
    frames = encode_frame(0x0B, 0, b"\x00") + encode_frame(0x7F, 0, b"") + future
    frames += encode_frame(0x01, 0, b"\x01\x01\x00\x00")
    got = MessageReader().feed(frames)
    assert isinstance(got[0], BadFrame) and "KeepAlive" in got[0].why
    assert isinstance(got[1], BadFrame) and "unknown message type" in got[1].why
    assert isinstance(got[2], BadFrame) and "version 2" in got[2].why
    assert got[3] == Hello(1, 1, 0, "")
