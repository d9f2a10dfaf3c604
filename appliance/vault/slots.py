"""Making slots: desk, recovery and key-file slots sealed to their own X25519 keys."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.vault import keys
from appliance.vault.atomic import atomic_write
from appliance.vault.errors import SlotExistsError
from appliance.vault.slotfile import Slot

RECOVERY_SLOT = "recovery"
SALT_BYTES = 16


def now() -> str:
    """UTC timestamp for created_at."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def new_slot(
    name: str,
    kind: str,
    private: X25519PrivateKey,
    salt: bytes,
    data_key: bytes,
    *,
    argon: keys.Argon2Params | None = None,
    path: str | None = None,
) -> Slot:
    """A slot whose public key comes from private, wrapping data_key with its name bound in."""
    pub = keys.public_bytes(private)
    draft = Slot(
        name=name,
        kind=kind,
        salt=salt,
        public=pub,
        wrapped=b"",
        created_at=now(),
        argon=argon,
        path=path,
    )
    return replace(draft, wrapped=keys.seal(data_key, pub, draft.aad()))


def rewrap(slot: Slot, data_key: bytes) -> bytes:
    """data_key sealed to an existing slot (no secret needed: the slot's key is public)."""
    return keys.seal(data_key, slot.public, slot.aad())


def recovery_slot(code: str, data_key: bytes, argon: keys.Argon2Params) -> Slot:
    """The recovery slot for a printed code."""
    salt = os.urandom(SALT_BYTES)
    private = keys.slot_key_from_code(code, salt, argon)
    return new_slot(RECOVERY_SLOT, "recovery", private, salt, data_key, argon=argon)


def secret_slot(
    name: str, kind: str, secret: bytes, data_key: bytes, path: str | None = None
) -> Slot:
    """A desk or key-file slot for a 32-byte secret."""
    salt = os.urandom(SALT_BYTES)
    return new_slot(name, kind, keys.slot_key_from_secret(secret, salt), salt, data_key, path=path)


def write_keyfile(path: Path) -> bytes:
    """Create a new key file of random bytes (never overwrites one); returns its contents."""
    if Path(path).exists():
        raise SlotExistsError(
            f"鍵ファイルが既にあります / {path} already exists; choose a new file name"
        )
    secret = os.urandom(keys.KEY_BYTES)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(Path(path), secret)
    return secret
