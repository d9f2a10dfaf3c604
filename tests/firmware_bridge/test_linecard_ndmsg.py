"""Number Display message framing on the card and host: round trip, DLE stuffing, damage."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from firmware_bridge.linecard import ndmsg

seven_bit = st.lists(st.integers(0, 127), max_size=30).map(bytes)  # ND carries 7-bit characters
fields = st.lists(st.tuples(st.integers(0, 127), seven_bit), max_size=4)


@given(fields)
def test_build_parse_round_trip_and_end_is_found(items: list[tuple[int, bytes]]) -> None:
    raw = ndmsg.build(items)
    assert ndmsg.parse(raw) == (ndmsg.MSG_CALLER, items)
    assert ndmsg.message_end(raw + b"trailing") == len(raw)


@given(fields, st.data())
def test_message_end_only_when_complete(
    items: list[tuple[int, bytes]], data: st.DataObject
) -> None:
    raw = ndmsg.build(items)
    cut = data.draw(st.integers(0, len(raw) - 1))
    assert ndmsg.message_end(raw[:cut]) == -1


def test_dle_in_a_field_is_doubled_and_restored() -> None:
    raw = ndmsg.build([(0x02, b"\x10\x10")])
    assert raw.count(b"\x10\x10\x10\x10") == 1
    assert ndmsg.parse(raw) == (0x40, [(0x02, b"\x10\x10")])


def test_parity_bits_are_ignored_in_the_body() -> None:
    raw = bytearray(ndmsg.build([(0x02, b"0312345678")]))
    for i in range(len(raw) - 2):
        if bin(raw[i]).count("1") % 2:
            raw[i] |= 0x80
    assert ndmsg.parse(bytes(raw)) == (0x40, [(0x02, b"0312345678")])


@given(st.binary(max_size=80))
def test_garbage_gives_a_reason_not_a_crash(blob: bytes) -> None:
    result = ndmsg.parse(blob)
    assert isinstance(result, str) or result[0] >= 0


def test_crc_damage_is_named() -> None:
    raw = bytearray(ndmsg.build([(0x02, b"0312345678")]))
    raw[10] ^= 0x01
    assert ndmsg.parse(bytes(raw)) == "CRC-16 mismatch"
