"""The sealed backup file: versioned header, chunked AES-GCM body, end mark and box tag.

Layout: MAGIC, u16 version, u32 header length, header JSON; then chunks (u32 length,
ciphertext) whose nonce is the chunk index and whose associated data binds the header digest,
the index and a last-chunk flag, so reordering, truncation or a changed header fails; then
u32 0 and a 32-byte HMAC over everything before it, keyed by the box's verify key, so the box
can check a file it cannot decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from backups.errors import BackupDamagedError
from backups.sealing import subkey

MAGIC = b"RINGDESK-BACKUP\n"
VERSION = 1
CHUNK_BYTES = 1 << 20
TAG_BYTES = 32
_NO_TAG = bytes(TAG_BYTES)
_MAX_HEADER = 64 * 1024
_MAX_CHUNK = 64 * CHUNK_BYTES
_GCM_TAG = 16


@dataclass(frozen=True)
class Header:
    """What a backup says about itself in the clear (no personal data, no usable key)."""

    created_at: str
    recipient: bytes
    sealed_key: bytes
    recipient_hint: dict[str, Any] = field(default_factory=dict)
    verify_key_id: str | None = None
    chunk_bytes: int = CHUNK_BYTES

    def to_bytes(self) -> bytes:
        """The header block as written (magic, version, length, JSON)."""
        doc = {
            "created_at": self.created_at,
            "chunk_bytes": self.chunk_bytes,
            "recipient": _b64(self.recipient),
            "recipient_hint": self.recipient_hint,
            "sealed_key": _b64(self.sealed_key),
            "verify_key_id": self.verify_key_id,
        }
        body = json.dumps(doc, sort_keys=True).encode()
        return MAGIC + struct.pack(">HI", VERSION, len(body)) + body


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def damaged(name: str, why: str) -> BackupDamagedError:
    """The error for a backup that fails a check."""
    return BackupDamagedError(
        f"バックアップが壊れているか改ざんされています / the backup {name} is damaged or has "
        f"been altered ({why}); use another backup"
    )


def read_header(fh: BinaryIO, name: str) -> tuple[Header, bytes]:
    """Parse the header at the start of fh; returns it and its raw bytes."""
    head = fh.read(len(MAGIC) + 6)
    if len(head) < len(MAGIC) + 6 or not head.startswith(MAGIC):
        raise damaged(name, "not a Ringdesk backup file")
    version, size = struct.unpack(">HI", head[len(MAGIC) :])
    if version != VERSION:
        raise damaged(name, f"unsupported format version {version}")
    if size > _MAX_HEADER:
        raise damaged(name, "header too large")
    body = fh.read(size)
    if len(body) != size:
        raise damaged(name, "truncated header")
    try:
        doc = json.loads(body)
        header = Header(
            created_at=str(doc["created_at"]),
            chunk_bytes=int(doc["chunk_bytes"]),
            recipient=base64.b64decode(doc["recipient"], validate=True),
            recipient_hint=dict(doc["recipient_hint"]),
            sealed_key=base64.b64decode(doc["sealed_key"], validate=True),
            verify_key_id=None if doc["verify_key_id"] is None else str(doc["verify_key_id"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise damaged(name, f"bad header: {exc}") from None
    if not 0 < header.chunk_bytes <= _MAX_CHUNK or len(header.recipient) != 32:
        raise damaged(name, "bad header values")
    return header, head + body


def _nonce(index: int) -> bytes:
    return bytes(4) + struct.pack(">Q", index)


def _aad(digest: bytes, index: int, last: bool) -> bytes:
    return digest + struct.pack(">QB", index, int(last))


class SealedWriter:
    """Streams plaintext into fh as chunks under file_key; close() writes the end and tag."""

    def __init__(
        self, fh: BinaryIO, header: Header, file_key: bytes, verify_key: bytes | None
    ) -> None:
        self._fh = fh
        raw = header.to_bytes()
        self._digest = hashlib.sha256(raw).digest()
        self._aead = AESGCM(subkey(file_key, "chunks"))
        self._mac = hmac.new(verify_key, digestmod="sha256") if verify_key else None
        self._chunk = header.chunk_bytes
        self._buf = bytearray()
        self._index = 0
        self.bytes_written = 0
        self._emit(raw)

    def _emit(self, data: bytes) -> None:
        self._fh.write(data)
        self.bytes_written += len(data)
        if self._mac is not None:
            self._mac.update(data)

    def _chunk_out(self, data: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(
            _nonce(self._index), data, _aad(self._digest, self._index, last)
        )
        self._emit(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def write(self, data: bytes) -> None:
        """Add plaintext; full chunks go out, the rest waits (the last chunk is flagged)."""
        self._buf += data
        while len(self._buf) > self._chunk:
            self._chunk_out(bytes(self._buf[: self._chunk]), last=False)
            del self._buf[: self._chunk]

    def close(self) -> None:
        """Write the last chunk, the end mark and the tag (does not close fh)."""
        self._chunk_out(bytes(self._buf), last=True)
        self._buf.clear()
        self._emit(struct.pack(">I", 0))
        tag = self._mac.digest() if self._mac is not None else _NO_TAG
        self._fh.write(tag)
        self.bytes_written += len(tag)


def _frames(fh: BinaryIO, name: str, limit: int, mac: Any) -> Iterator[bytes]:
    """Each chunk's ciphertext in order; checks the end mark, the tag slot and trailing bytes."""
    while True:
        head = fh.read(4)
        if len(head) < 4:
            raise damaged(name, "truncated: the end mark is missing")
        mac.update(head)
        (size,) = struct.unpack(">I", head)
        if size == 0:
            break
        if size > limit + _GCM_TAG:
            raise damaged(name, "chunk larger than the header allows")
        body = fh.read(size)
        if len(body) != size:
            raise damaged(name, "truncated inside a chunk")
        mac.update(body)
        yield body
    tag = fh.read(TAG_BYTES)
    if len(tag) != TAG_BYTES:
        raise damaged(name, "truncated: the tag is missing")
    if fh.read(1):
        raise damaged(name, "bytes after the end of the backup")
    mac.tag = tag


class _Hasher:
    """hmac-like object used when no verify key is checked."""

    def __init__(self, key: bytes | None) -> None:
        self._h = hmac.new(key, digestmod="sha256") if key else None
        self.tag = b""

    def update(self, data: bytes) -> None:
        if self._h is not None:
            self._h.update(data)

    def ok(self) -> bool:
        return self._h is None or hmac.compare_digest(self._h.digest(), self.tag)


def check_tag(fh: BinaryIO, name: str, verify_key: bytes) -> int:
    """Walk the whole file without decrypting; the box's tag must match. Returns chunk count."""
    header, raw = read_header(fh, name)
    hasher = _Hasher(verify_key)
    hasher.update(raw)
    count = sum(1 for _ in _frames(fh, name, header.chunk_bytes, hasher))
    if not hasher.ok():
        raise damaged(name, "the box's integrity tag does not match")
    return count


def decrypt(
    fh: BinaryIO,
    name: str,
    header: Header,
    raw: bytes,
    file_key: bytes,
    verify_key: bytes | None = None,
) -> Iterator[bytes]:
    """Plaintext chunks of a file whose header was read; every chunk is authenticated."""
    digest = hashlib.sha256(raw).digest()
    aead = AESGCM(subkey(file_key, "chunks"))
    hasher = _Hasher(verify_key)
    hasher.update(raw)
    pending: bytes | None = None
    index = 0
    for body in _frames(fh, name, header.chunk_bytes, hasher):
        if pending is not None:
            yield _open(aead, pending, digest, index - 1, False, name)
        pending = body
        index += 1
    if pending is None:
        raise damaged(name, "no chunks")
    yield _open(aead, pending, digest, index - 1, True, name)
    if not hasher.ok():
        raise damaged(name, "the box's integrity tag does not match")


def _open(aead: AESGCM, body: bytes, digest: bytes, index: int, last: bool, name: str) -> bytes:
    try:
        return aead.decrypt(_nonce(index), body, _aad(digest, index, last))
    except InvalidTag:
        why = "truncated or reordered chunks" if last else f"chunk {index} fails authentication"
        raise damaged(name, why) from None
