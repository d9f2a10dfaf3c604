"""The chunk format: round trip, tamper, truncation, reordering, splits anywhere."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.recordings.chunks import (
    FRAME,
    HEADER,
    ChunkParser,
    Header,
    chunk_cipher,
    seal_chunk,
)

KEY = bytes(range(32))
RID = bytes.fromhex("00112233445566778899aabbccddeeff")


def _file(n: int, key: bytes = KEY, rid: bytes = RID) -> tuple[bytes, list[list[bytes]]]:
    header = Header(rid, 8000, 160, 50)
    raw = header.pack()
    cipher = chunk_cipher(key, header)
    data = bytearray(raw)
    payloads = [[os.urandom(30 + i), os.urandom(7)] for i in range(n)]
    for i, packets in enumerate(payloads):
        data += seal_chunk(cipher, raw, i, i == n - 1, packets)
    return bytes(data), payloads


def _frames(data: bytes) -> list[bytes]:
    pos, out = HEADER.size, []
    while pos < len(data):
        size = FRAME.unpack_from(data, pos)[3]
        out.append(data[pos : pos + FRAME.size + size])
        pos += FRAME.size + size
    return out


def test_round_trip_and_last_flag() -> None:
    data, payloads = _file(4)
    parser = ChunkParser(KEY)
    chunks = parser.feed(data)
    assert [c.packets for c in chunks] == payloads
    assert [c.last for c in chunks] == [False, False, False, True]
    assert parser.finished and parser.problem is None and parser.pending == 0


@settings(max_examples=60)
@given(st.lists(st.integers(min_value=1, max_value=400), max_size=12))
def test_any_split_gives_the_same_chunks(cuts: list[int]) -> None:
    data, payloads = _file(5)
    parser = ChunkParser(KEY)
    got, pos = [], 0
    for cut in cuts:
        got += parser.feed(data[pos : pos + cut])
        pos += cut
    got += parser.feed(data[pos:])
    assert [c.packets for c in got] == payloads and parser.problem is None


def test_flipped_byte_is_reported_with_its_chunk() -> None:
    data, _ = _file(4)
    frames = _frames(data)
    at = HEADER.size + len(frames[0]) + len(frames[1]) + FRAME.size + 3  # inside chunk 2
    bad = bytearray(data)
    bad[at] ^= 0x40
    parser = ChunkParser(KEY)
    chunks = parser.feed(bytes(bad))
    assert len(chunks) == 2
    assert parser.problem is not None and "chunk 2 fails authentication" in parser.problem
    assert "改ざん" in parser.problem


def test_reordered_and_dropped_chunks_are_reported() -> None:
    data, _ = _file(4)
    head, frames = data[: HEADER.size], _frames(data)
    swapped = head + frames[0] + frames[2] + frames[1] + frames[3]
    parser = ChunkParser(KEY)
    assert len(parser.feed(swapped)) == 1
    assert parser.problem is not None and "chunk 2 where chunk 1 belongs" in parser.problem
    dropped = head + frames[0] + frames[2] + frames[3]
    parser = ChunkParser(KEY)
    parser.feed(dropped)
    assert parser.problem is not None and "chunk 2 where chunk 1" in parser.problem


def test_a_flag_or_index_edit_breaks_authentication() -> None:
    data, _ = _file(3)
    head, frames = data[: HEADER.size], _frames(data)
    # mark chunk 1 as last (flags byte at offset 6 of the frame head): the tag no longer fits
    edited = bytearray(frames[1])
    edited[6] = 1
    parser = ChunkParser(KEY)
    parser.feed(head + frames[0] + bytes(edited))
    assert parser.problem is not None and "chunk 1 fails authentication" in parser.problem


def test_data_after_the_last_chunk_and_foreign_chunks() -> None:
    data, _ = _file(2)
    frames = _frames(data)
    parser = ChunkParser(KEY)
    parser.feed(data + frames[1])
    assert parser.problem is not None and "after the last chunk" in parser.problem
    other, _ = _file(2, rid=os.urandom(16))  # same key, another recording's chunk 1
    spliced = data[: HEADER.size] + frames[0] + _frames(other)[1]
    parser = ChunkParser(KEY)
    assert len(parser.feed(spliced)) == 1 and parser.problem is not None


def test_truncation_leaves_pending_bytes_and_no_last_chunk() -> None:
    data, _ = _file(3)
    parser = ChunkParser(KEY)
    chunks = parser.feed(data[:-5])
    assert len(chunks) == 2 and not parser.finished and parser.problem is None
    assert parser.pending > 0


def test_wrong_key_and_garbage_header() -> None:
    data, _ = _file(2)
    parser = ChunkParser(os.urandom(32))
    assert parser.feed(data) == [] and parser.problem is not None
    parser = ChunkParser(KEY)
    assert parser.feed(b"RIFF" + bytes(60)) == []
    assert parser.problem is not None and "not a Ringdesk recording" in parser.problem


@settings(max_examples=80)
@given(st.binary(max_size=300))
def test_garbage_after_a_good_header_never_crashes(junk: bytes) -> None:
    data, _ = _file(1)
    parser = ChunkParser(KEY)
    parser.feed(data[: HEADER.size] + junk)
    assert parser.problem is not None or parser.pending == len(junk) or not junk
