"""Recording file format (sans-IO): a header, then AEAD chunks bound to their index and flags.

File: HEADER, then frames `RC | index | flags | length | ciphertext`. Each chunk is sealed with
ChaCha20-Poly1305 under a key derived from the recording's own key; the nonce is the chunk
index, and the header plus the frame head are the associated data, so a chunk that is altered,
moved, replayed from another recording, or put after the last one fails to open.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from appliance.vault.keys import hkdf

MAGIC = b"RDREC001"
HEADER = struct.Struct(">8sBB16sIHH")  # magic, version, flags, id, rate, frame, frames/chunk
FRAME = struct.Struct(">2sIBI")  # marker, index, flags, ciphertext length
MARKER = b"RC"
VERSION = 1
FLAG_LOCKED = 0x01  # header: recorded while the box was locked (key sealed in the inbox)
FLAG_LAST = 0x01  # frame: the recording's final chunk
TAG = 16
MAX_CIPHERTEXT = 1 << 20
PACKET_LEN = struct.Struct(">H")


@dataclass(frozen=True)
class Header:
    """What every chunk is bound to: recording id, sample rate, frame and chunk sizes."""

    recording_id: bytes
    sample_rate: int
    frame_samples: int
    frames_per_chunk: int
    flags: int = 0

    def pack(self) -> bytes:
        """The header's bytes."""
        return HEADER.pack(
            MAGIC,
            VERSION,
            self.flags,
            self.recording_id,
            self.sample_rate,
            self.frame_samples,
            self.frames_per_chunk,
        )

    @property
    def chunk_seconds(self) -> float:
        """Audio seconds in one full chunk."""
        return self.frames_per_chunk * self.frame_samples / self.sample_rate


@dataclass(frozen=True)
class Chunk:
    """One authenticated chunk: its index, whether it is the last, and its Opus packets."""

    index: int
    last: bool
    packets: list[bytes]
    end_offset: int


def damaged(why: str) -> str:
    """The report for a chunk that cannot be trusted (the audio before it is still good)."""
    return (
        f"録音が壊れているか改ざんされています ({why}) / the recording is damaged or has "
        f"been tampered with ({why}); audio before that point is intact"
    )


def parse_header(data: bytes) -> Header:
    """The header at the start of data; ValueError with a ja/en message if it is not one."""
    if len(data) < HEADER.size:
        raise ValueError(damaged(f"header truncated at {len(data)} bytes"))
    magic, version, flags, rid, rate, frame, per_chunk = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or not rate or not frame or not per_chunk:
        raise ValueError(damaged("not a Ringdesk recording file"))
    return Header(rid, rate, frame, per_chunk, flags)


def chunk_cipher(file_key: bytes, header: Header) -> ChaCha20Poly1305:
    """The AEAD for a recording's chunks (key derived from its file key and id)."""
    return ChaCha20Poly1305(hkdf(file_key, "recording-chunks", header.recording_id))


def _nonce(index: int) -> bytes:
    return b"\0\0\0\0" + index.to_bytes(8, "big")


def pack_packets(packets: Iterable[bytes]) -> bytes:
    """Length-prefixed Opus packets, the plaintext of a chunk."""
    return b"".join(PACKET_LEN.pack(len(p)) + p for p in packets)


def unpack_packets(plain: bytes) -> list[bytes]:
    """The packets of a chunk's plaintext."""
    out, pos = [], 0
    while pos + PACKET_LEN.size <= len(plain):
        (n,) = PACKET_LEN.unpack_from(plain, pos)
        out.append(plain[pos + 2 : pos + 2 + n])
        pos += 2 + n
    return out


def seal_chunk(
    cipher: ChaCha20Poly1305, header: bytes, index: int, last: bool, packets: Iterable[bytes]
) -> bytes:
    """One frame's bytes: head, then the packets sealed with header and head as AAD."""
    plain = pack_packets(packets)
    flags = FLAG_LAST if last else 0
    head = FRAME.pack(MARKER, index, flags, len(plain) + TAG)
    return head + cipher.encrypt(_nonce(index), plain, header + head)


class ChunkParser:
    """Feed file bytes in any split; yields authenticated chunks in order, then stops at the
    first problem (kept in .problem). Bytes of an unfinished frame wait in .pending."""

    def __init__(self, file_key: bytes) -> None:
        self._key = file_key
        self._buf = bytearray()
        self.offset = 0  # file offset of _buf[0]
        self.header: Header | None = None
        self._raw_header = b""
        self._cipher: ChaCha20Poly1305 | None = None
        self.next_index = 0
        self.finished = False  # the last chunk was seen
        self.problem: str | None = None

    @property
    def pending(self) -> int:
        """Bytes received that do not yet form a whole frame."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Chunk]:
        """Chunks completed by data (none once a problem was found)."""
        if self.problem is not None:
            return []
        self._buf += data
        if self.header is None:
            if len(self._buf) < HEADER.size:
                return []
            try:
                self.header = parse_header(bytes(self._buf))
            except ValueError as exc:
                self.problem = str(exc)
                return []
            self._raw_header = bytes(self._buf[: HEADER.size])
            self._cipher = chunk_cipher(self._key, self.header)
            self._consume(HEADER.size)
        out = []
        while self.problem is None and len(self._buf) >= FRAME.size:
            chunk = self._one()
            if chunk is None:
                break
            out.append(chunk)
        return out

    def _consume(self, n: int) -> None:
        del self._buf[:n]
        self.offset += n

    def _one(self) -> Chunk | None:
        assert self._cipher is not None
        marker, index, flags, size = FRAME.unpack_from(self._buf)
        at = self.offset
        if marker != MARKER or not TAG <= size <= MAX_CIPHERTEXT or flags & ~FLAG_LAST:
            self.problem = damaged(f"bad chunk frame at byte {at}")
            return None
        if self.finished:
            self.problem = damaged(f"data after the last chunk, at byte {at}")
            return None
        if len(self._buf) < FRAME.size + size:
            return None
        head = bytes(self._buf[: FRAME.size])
        body = bytes(self._buf[FRAME.size : FRAME.size + size])
        if index != self.next_index:
            self.problem = damaged(f"chunk {index} where chunk {self.next_index} belongs")
            return None
        try:
            plain = self._cipher.decrypt(_nonce(index), body, self._raw_header + head)
        except InvalidTag:
            self.problem = damaged(f"chunk {index} fails authentication")
            return None
        self._consume(FRAME.size + size)
        self.next_index += 1
        self.finished = bool(flags & FLAG_LAST)
        return Chunk(index, self.finished, unpack_packets(plain), self.offset)
