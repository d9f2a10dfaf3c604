"""Number Display adapter frames: byte by byte, split anywhere, parity errors, duplicates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import CallerId, Reason, Unparsed
from firmware_bridge.nd import NdFrameParser, TaLineParser, with_parity
from firmware_bridge.nd.emulator import encode_frame, frame_body

WIRE = bytes.fromhex("8230B230B133B130B1303 0B830B1B233B43536B7B803".replace(" ", ""))
ACK, NAK = b"\x06", b"\x95"
BODY = "02013101008012345678"


def test_the_documented_wire_bytes_give_number_time_and_ack() -> None:
    result = NdFrameParser("line1").feed(WIRE, 0.0)
    (event,) = result.events
    assert isinstance(event, CallerId)
    assert (event.number, event.when, event.raw) == ("08012345678", "02011010", (BODY,))
    assert result.reply == ACK


def test_byte_at_a_time_gives_the_same_event() -> None:
    parser = NdFrameParser("line1")
    events = []
    replies = b""
    for b in WIRE:
        r = parser.feed(bytes([b]), 0.0)
        events += r.events
        replies += r.reply
    assert [e.number for e in events if isinstance(e, CallerId)] == ["08012345678"]
    assert replies == ACK


def test_reason_letters_become_reasons() -> None:
    parser = NdFrameParser("line1")
    for i, letter in enumerate("POSCE"):
        (event,) = parser.feed(encode_frame(frame_body(3, 4, 2, 9, 5, letter)), 10.0 * i).events
        assert isinstance(event, CallerId)
        assert event.number is None and event.reason == Reason(letter)


def test_parity_error_is_naked_kept_raw_and_resend_is_accepted() -> None:
    parser = NdFrameParser("line1")
    bad = bytearray(encode_frame("02013101008012345678"))
    bad[5] ^= 0x80
    first = parser.feed(bytes(bad), 0.0)
    assert first.reply == NAK
    assert isinstance(first.events[0], Unparsed) and "parity" in first.events[0].why
    again = parser.feed(encode_frame("02013101008012345678"), 0.1)
    assert again.reply == ACK and isinstance(again.events[0], CallerId)


def test_duplicate_within_two_seconds_is_acked_but_folded() -> None:
    parser = NdFrameParser("line1")
    frame = encode_frame("02013101008012345678")
    assert len(parser.feed(frame, 0.0).events) == 1
    dup = parser.feed(frame, 1.5)
    assert dup.events == [] and dup.reply == ACK
    assert len(parser.feed(frame, 5.0).events) == 1


def test_garbage_and_half_frames_are_kept_raw() -> None:
    parser = NdFrameParser("line1")
    result = parser.feed(b"\x41\x42" + encode_frame("02013101008012345678") + b"\x82123", 0.0)
    assert isinstance(result.events[0], Unparsed) and result.events[0].raw == b"\x41\x42"
    assert isinstance(result.events[1], CallerId)
    (half,) = parser.flush()
    assert isinstance(half, Unparsed) and half.raw.endswith(b"123")


def test_a_well_framed_body_that_is_not_nd_text_is_unparsed_and_naked() -> None:
    result = NdFrameParser("line1").feed(encode_frame("HELLO"), 0.0)
    assert isinstance(result.events[0], Unparsed) and result.reply == NAK


def test_lost_etx_resynchronises_on_the_next_stx() -> None:
    parser = NdFrameParser("line1")
    cut = encode_frame(BODY)[:-1]
    result = parser.feed(cut + encode_frame("02013101009087654321"), 0.0)
    assert isinstance(result.events[0], Unparsed) and "cut short" in result.events[0].why
    assert isinstance(result.events[1], CallerId) and result.events[1].number == "09087654321"
    assert result.reply == ACK


@given(
    st.lists(st.sampled_from(["08012345678", "0312345678", "P", "C"]), min_size=1, max_size=5),
    st.data(),
)
def test_split_anywhere_gives_every_frame(numbers: list[str], data: st.DataObject) -> None:
    wire = b"".join(encode_frame(frame_body(1, 2, 3, 4, i, n)) for i, n in enumerate(numbers))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(wire)), max_size=8)))
    parser = NdFrameParser("line1")
    got: list[str] = []
    prev = 0
    for i, cut in enumerate([*cuts, len(wire)]):
        for e in parser.feed(wire[prev:cut], 10.0 * i).events:
            assert isinstance(e, CallerId)
            got.append(e.number or (e.reason.value if e.reason else ""))
        prev = cut
    assert got == numbers


@given(st.binary(max_size=300))
def test_random_bytes_never_crash_and_are_accounted_for(blob: bytes) -> None:
    parser = NdFrameParser("line1")
    parser.feed(blob, 0.0)
    parser.flush()


def test_parity_helper() -> None:
    assert with_parity(0x02) == 0x82 and with_parity(0x06) == 0x06 and with_parity(0x15) == 0x95


def test_isdn_ta_ring_analog_line() -> None:
    parser = TaLineParser("isdn")
    events = []
    for b in b"\r\nRING_ANALOG_0312345678/12\r\nJUNK\r\n":
        events += parser.feed(bytes([b]))
    assert [type(e).__name__ for e in events] == ["Ring", "CallerId", "Unparsed"]
    assert isinstance(events[1], CallerId) and events[1].number == "0312345678"
