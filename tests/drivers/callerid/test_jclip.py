"""NTT JCLIP: CRC-16/KERMIT, parity, DLE stuffing, split feeding, garbage, audio round trip."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.callerid import synth
from drivers.callerid.decoder import decode_samples
from drivers.callerid.fsk import V23
from drivers.callerid.jclip import JclipFramer, crc16_kermit, parse_frame

# bytes spandsp's transmitter queues for number 0312345678 (cidgen --print-msg)
SPANDSP_FRAME = bytes.fromhex("908187908 2c00c820a3033b1b233b43536b7b89003fb52".replace(" ", ""))


def feed(frame: bytes) -> list[tuple[int, tuple[tuple[str, str], ...]]]:
    framer = JclipFramer()
    out = []
    for i, b in enumerate(frame):
        m = framer.feed(b, i * 80 + 67, i * 80)
        if m is not None:
            out.append((m.type, m.fields))
    return out


def test_crc16_kermit_check_value() -> None:
    assert crc16_kermit(b"123456789") == 0x2189


def test_spandsp_frame_parses() -> None:
    assert feed(SPANDSP_FRAME) == [(0x40, (("02", "0312345678"),))]
    assert synth.jclip([(0x02, b"0312345678")]) == SPANDSP_FRAME


def test_dle_in_data_is_stuffed_and_unstuffed() -> None:
    # a 14-digit number makes the body length 16 = DLE: sent twice, counted once
    frame = synth.jclip([(0x02, b"03123456789012")])
    assert frame.count(bytes([0x90, 0x90])) == 1
    assert feed(frame) == [(0x40, (("02", "03123456789012"),))]


def test_parity_error_is_rejected_even_with_matching_crc() -> None:
    frame = bytearray(synth.jclip([(0x02, b"0312345678")]))
    frame[10] ^= 0x80  # parity bit of a digit flipped, CRC recomputed over what is sent
    crc = crc16_kermit(bytes(frame[2:-2]))
    frame[-2:] = bytes([crc & 0xFF, crc >> 8])
    assert feed(bytes(frame)) == []


def test_bad_crc_and_wrong_type_rejected() -> None:
    frame = bytearray(synth.jclip([(0x02, b"0312345678")]))
    frame[-1] ^= 1
    assert feed(bytes(frame)) == []
    assert feed(synth.jclip([(0x02, b"0312345678")], msg_type=0x41)) == []


def test_reason_codes_and_date() -> None:
    for code in "POCS":
        assert feed(synth.jclip([(0x04, code.encode())])) == [(0x40, (("04", code),))]
    fields = [(0x01, b"12312359"), (0x02, b"09012345678")]
    assert feed(synth.jclip(fields)) == [(0x40, (("01", "12312359"), ("02", "09012345678")))]
    assert feed(synth.jclip([(0x04, b"X")])) == []


def test_incomplete_frame_asks_for_more() -> None:
    frame = synth.jclip([(0x02, b"0312345678")])
    for cut in range(2, len(frame)):
        assert isinstance(parse_frame(frame[:cut]), int)


@settings(max_examples=60)
@given(st.binary(max_size=60), st.binary(max_size=60))
def test_garbage_around_a_frame(before: bytes, after: bytes) -> None:
    frame = synth.jclip([(0x02, b"0471234567")])
    got = feed(before + frame + after)
    assert got in ([(0x40, (("02", "0471234567"),))], [])
    assert got or b"\x10\x01" in bytes(b & 0x7F for b in before)


def test_audio_round_trip_with_five_stop_bits() -> None:
    frame = synth.jclip([(0x02, b"0312345678")])
    x = np.concatenate(
        [synth.silence(0.2), synth.fsk(frame, V23, seizure=0, marks=300, stop_bits=5)]
    )
    x = synth.noise(np.concatenate([x, synth.silence(0.3)]), 20.0)
    found = decode_samples(x, "auto", 160)
    assert [(d.standard, d.expect()) for d in found] == [("jclip", "type=0x40;02=0312345678")]


def test_corrupt_jclip_burst_is_jclip_with_errors() -> None:
    frame = bytearray(synth.jclip([(0x02, b"0312345678")]))
    frame[12] ^= 0x03  # two bits of a digit: parity still even, CRC fails
    x = np.concatenate(
        [synth.silence(0.2), synth.fsk(bytes(frame), V23, seizure=0, marks=300, stop_bits=5)]
    )
    found = decode_samples(np.concatenate([x, synth.silence(0.5)]), "auto")
    assert [(d.standard, d.errors) for d in found] == [("jclip", True)]
