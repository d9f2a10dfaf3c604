"""Sealed inbox file format: header, then frames of sealed records (sans-IO parse and build)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.vault import keys
from appliance.vault.errors import InboxDamagedError

MAGIC = b"RDINBOX1"
HEADER = struct.Struct(">8s16s32s")  # magic, file id, inbox public key
FRAME = struct.Struct(">2sIQ")  # marker, sealed length, sequence number
MARKER = b"RQ"
MAX_SEALED = 16 * 1024 * 1024


@dataclass(frozen=True)
class InboxHeader:
    """Which inbox file this is and the public key its records are sealed to."""

    file_id: bytes
    public: bytes


@dataclass(frozen=True)
class SealedFrame:
    """One frame as stored: sequence number and the sealed bytes, at a byte offset."""

    seq: int
    sealed: bytes
    offset: int


@dataclass(frozen=True)
class InboxRecord:
    """One opened record: sequence number, kind (e.g. "call_event") and payload bytes."""

    seq: int
    kind: str
    payload: bytes


@dataclass(frozen=True)
class ParsedInbox:
    """Header, complete frames, and how many trailing bytes form an incomplete frame."""

    header: InboxHeader
    frames: list[SealedFrame]
    torn_bytes: int
    torn_offset: int


def damaged(why: str) -> InboxDamagedError:
    """The error for a damaged or altered inbox; says nothing was merged."""
    return InboxDamagedError(
        f"受信箱が壊れているか改ざんされています / the sealed inbox is damaged or has been "
        f"tampered with ({why}); nothing was merged and the file is kept as it is"
    )


def build_header(header: InboxHeader) -> bytes:
    """Header bytes."""
    return HEADER.pack(MAGIC, header.file_id, header.public)


def _aad(file_id: bytes, seq: int) -> bytes:
    return b"ringdesk-inbox" + file_id + seq.to_bytes(8, "big")


def build_frame(header: InboxHeader, seq: int, kind: str, payload: bytes) -> bytes:
    """One frame: kind and payload sealed to the inbox key, file id and seq bound in."""
    kind_raw = kind.encode()
    if not 0 < len(kind_raw) < 256:
        raise ValueError("record kind must be 1-255 bytes")
    plain = bytes([len(kind_raw)]) + kind_raw + payload
    sealed = keys.seal(plain, header.public, _aad(header.file_id, seq))
    return FRAME.pack(MARKER, len(sealed), seq) + sealed


def parse(data: bytes) -> ParsedInbox:
    """Split file bytes into frames; InboxDamagedError on a bad header or a bad frame marker."""
    if len(data) < HEADER.size:
        raise damaged(f"header truncated at {len(data)} bytes")
    magic, file_id, public = HEADER.unpack_from(data)
    if magic != MAGIC:
        raise damaged("not a Ringdesk inbox file")
    frames: list[SealedFrame] = []
    pos = HEADER.size
    while pos < len(data):
        if len(data) - pos < FRAME.size:
            break
        marker, size, seq = FRAME.unpack_from(data, pos)
        if marker != MARKER or not keys.SEAL_OVERHEAD < size <= MAX_SEALED:
            raise damaged(f"bad frame at byte {pos}")
        end = pos + FRAME.size + size
        if end > len(data):
            break
        frames.append(SealedFrame(seq, data[pos + FRAME.size : end], pos))
        pos = end
    return ParsedInbox(InboxHeader(file_id, public), frames, len(data) - pos, pos)


def open_frames(parsed: ParsedInbox, private: X25519PrivateKey) -> list[InboxRecord]:
    """Authenticate and open every frame; InboxDamagedError if any fails or seqs skip."""
    header = parsed.header
    if header.public != keys.public_bytes(private):
        raise damaged("sealed to a different key than this vault's inbox key")
    records = []
    for expected, frame in enumerate(parsed.frames, start=1):
        if frame.seq != expected:
            raise damaged(f"record {expected} is missing (found {frame.seq})")
        try:
            plain = keys.unseal(frame.sealed, private, _aad(header.file_id, frame.seq))
        except (InvalidTag, ValueError):
            raise damaged(f"record {frame.seq} fails authentication") from None
        n = plain[0]
        records.append(InboxRecord(frame.seq, plain[1 : 1 + n].decode(), plain[1 + n :]))
    return records
