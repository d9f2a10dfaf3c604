"""Check a backup: the box's tag without the recovery key, or every chunk with a key."""

from __future__ import annotations

import contextlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from backups.container import Header, check_tag, damaged, decrypt, read_header
from backups.errors import BackupKeyError
from backups.sealing import unseal_file_key


@dataclass(frozen=True)
class Contents:
    """A backup being read: its manifest, then the database bytes as they are decrypted."""

    header: Header
    manifest: dict[str, Any]
    blocks: Iterator[bytes]


def header_of(path: Path) -> Header:
    """The header of the backup at path (BackupDamagedError if it is not one)."""
    with open(path, "rb") as fh:
        return read_header(fh, Path(path).name)[0]


def check_box_tag(path: Path, verify_key: bytes, key_id: str) -> int:
    """Structure and the box's tag, without decrypting; returns the chunk count."""
    header = header_of(path)
    if header.verify_key_id != key_id:
        raise BackupKeyError(
            f"{Path(path).name} は別の箱の鍵で作られました / {Path(path).name} was tagged "
            "under another box key (before a key rotation?); verify it with the recovery code"
        )
    with open(path, "rb") as fh:
        return check_tag(fh, Path(path).name, verify_key)


def file_key_of(header: Header, private: X25519PrivateKey, name: str) -> bytes:
    """The backup's file key, unsealed with the recovery private key."""
    try:
        return unseal_file_key(header.sealed_key, private)
    except (InvalidTag, ValueError):
        raise BackupKeyError(
            f"この回復コードでは {name} を開けません / the recovery code does not open {name} "
            "(it was sealed to another recovery code, or the header was altered)"
        ) from None


@contextlib.contextmanager
def read_contents(
    path: Path, file_key: bytes, verify_key: bytes | None = None
) -> Iterator[Contents]:
    """Context: the manifest and an iterator of database blocks (the file stays open)."""
    name = Path(path).name
    with open(path, "rb") as fh:
        header, raw = read_header(fh, name)
        chunks = decrypt(fh, name, header, raw, file_key, verify_key)
        buf = b""
        for chunk in chunks:
            buf += chunk
            if len(buf) >= 4:
                break
        (size,) = struct.unpack(">I", buf[:4]) if len(buf) >= 4 else (-1,)
        while size >= 0 and len(buf) < 4 + size:
            nxt = next(chunks, None)
            if nxt is None:
                break
            buf += nxt
        if size < 0 or len(buf) < 4 + size:
            raise damaged(name, "manifest incomplete")
        try:
            manifest = dict(json.loads(buf[4 : 4 + size]))
        except ValueError:
            raise damaged(name, "manifest unreadable") from None
        rest = buf[4 + size :]

        def blocks() -> Iterator[bytes]:
            if rest:
                yield rest
            yield from chunks

        yield Contents(header, manifest, blocks())


def verify_with_file_key(path: Path, file_key: bytes, verify_key: bytes | None = None) -> int:
    """Decrypt every chunk and check the size in the manifest; returns the database bytes."""
    with read_contents(path, file_key, verify_key) as contents:
        total = sum(len(b) for b in contents.blocks)
    if total != int(contents.manifest.get("db_bytes", -1)):
        raise damaged(Path(path).name, "database size differs from the manifest")
    return total
