"""FSK caller-ID decoder: chunking, checksums, noise, parser fuzzing, corpus files."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.callerid.bellcore import MessageFramer, parse_body, render_expect
from drivers.callerid.decoder import CallerIdDecoder
from drivers.callerid.wavfile import read_wav

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "callerid"


def mdmf(fields: list[tuple[int, bytes]], msg_type: int = 0x80) -> bytes:
    body = b"".join(bytes([c, len(v)]) + v for c, v in fields)
    frame = bytes([msg_type, len(body)]) + body
    return frame + bytes([(-sum(frame)) & 0xFF])


def modulate(data: bytes, mark: float = 1200.0, space: float = 2200.0) -> np.ndarray:
    """Phase-continuous FSK: seizure, mark run, then 8N1 bytes, at 8 kHz and -15 dBFS."""
    bits = [0, 1] * 150 + [1] * 180
    for b in data:
        bits += [0] + [(b >> k) & 1 for k in range(8)] + [1]
    bits += [1] * 20
    per = 8000 / 1200
    n = int(len(bits) * per)
    freq = np.array([mark if bits[int(i / per)] else space for i in range(n)])
    phase = np.cumsum(2 * np.pi * freq / 8000)
    sig = 0.18 * np.sin(phase)
    return np.concatenate([np.zeros(800), sig, np.zeros(800)])


MSG = mdmf([(0x01, b"01011230"), (0x02, b"0312345678"), (0x07, b"YAMADA TARO")])


def decode_in_chunks(x: np.ndarray, size: int) -> list[str]:
    dec = CallerIdDecoder("class")
    out = []
    for i in range(0, x.size, size):
        out += [render_expect(d.message) for d in dec.feed(x[i : i + size])]
    return out


def test_chunk_sizes_give_identical_results() -> None:
    x = modulate(MSG)
    whole = decode_in_chunks(x, x.size)
    assert whole == ["type=0x80;01=01011230;02=0312345678;07=YAMADA TARO"]
    for size in (1, 2, 7, 160, 1001):
        assert decode_in_chunks(x, size) == whole


def test_v23_decodes() -> None:
    x = modulate(MSG, 1300.0, 2100.0)
    found = CallerIdDecoder("clip").feed(x)
    assert [render_expect(d.message) for d in found] == [
        "type=0x80;01=01011230;02=0312345678;07=YAMADA TARO"
    ]


def test_bad_checksum_rejected() -> None:
    bad = MSG[:-1] + bytes([(MSG[-1] + 1) & 0xFF])
    assert CallerIdDecoder("class").feed(modulate(bad)) == []


def test_noise_yields_nothing() -> None:
    rng = np.random.default_rng(7)
    assert CallerIdDecoder("auto").feed(rng.normal(0, 0.1, 8000 * 5)) == []


def test_framer_rejects_inconsistent_parameter_lengths() -> None:
    frame = bytes([0x80, 4, 0x02, 5, 0x31, 0x32])
    frame += bytes([(-sum(frame)) & 0xFF])
    framer = MessageFramer()
    assert [framer.feed(b, i) for i, b in enumerate(frame)] == [None] * len(frame)


@settings(max_examples=200)
@given(st.binary(max_size=80))
def test_parse_body_never_raises(body: bytes) -> None:
    fields = parse_body(0x80, body)
    if fields is not None:
        assert sum(2 + len(v) for _, v in fields) == len(body)


@settings(max_examples=100)
@given(st.lists(st.tuples(st.integers(1, 255), st.binary(min_size=1, max_size=20)), max_size=5))
def test_framer_round_trip(fields: list[tuple[int, bytes]]) -> None:
    frame = mdmf(fields)
    if len(frame) - 3 > 255 or not fields:
        return
    framer = MessageFramer()
    got = [m for i, b in enumerate(frame) if (m := framer.feed(b, i)) is not None]
    assert got and got[-1].fields == tuple((f"{c:02X}", v.decode("latin-1")) for c, v in fields)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("standard", ["class", "clip", "aclip"])
def test_corpus_clean_and_15db(standard: str) -> None:
    with (CORPUS / standard / "manifest.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["snr_db"] in ("clean", "15")]
    failures = []
    for row in rows:
        pcm, _ = read_wav(CORPUS / standard / row["file"])
        got = [render_expect(d.message) for d in CallerIdDecoder(standard).feed_pcm16(pcm)]
        if got != [row["expect"]]:
            failures.append((row["file"], got))
    assert not [f for f in failures if f[1]], f"wrong messages: {failures}"
    assert len(failures) <= 1, failures


def test_auto_reports_one_message_per_burst() -> None:
    found = CallerIdDecoder("auto").feed(modulate(MSG, 1300.0, 2100.0))
    assert len(found) == 1
