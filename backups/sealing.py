"""The per-backup file key: made at random, sealed to an X25519 public key, subkeys by HKDF."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
_SEAL_AAD = b"ringdesk-backup/file-key"


def new_file_key() -> bytes:
    """A fresh random 256-bit key for one backup file."""
    return os.urandom(KEY_BYTES)


def subkey(key: bytes, purpose: str, salt: bytes | None = None) -> bytes:
    """32 bytes derived from key for one named purpose (HKDF-SHA256)."""
    info = b"ringdesk-backup/" + purpose.encode()
    return HKDF(hashes.SHA256(), KEY_BYTES, salt, info).derive(key)


def seal_file_key(file_key: bytes, recipient: bytes) -> bytes:
    """file_key encrypted to a raw X25519 public key (ephemeral ECDH, HKDF, AES-GCM)."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = subkey(shared, "seal", eph_pub + recipient)
    nonce = os.urandom(NONCE_BYTES)
    return eph_pub + nonce + AESGCM(key).encrypt(nonce, file_key, _SEAL_AAD)


def unseal_file_key(sealed: bytes, private: X25519PrivateKey) -> bytes:
    """Open seal_file_key's output; cryptography's InvalidTag if the key is not the one."""
    eph_pub, nonce, body = sealed[:32], sealed[32 : 32 + NONCE_BYTES], sealed[32 + NONCE_BYTES :]
    recipient = private.public_key().public_bytes_raw()
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    key = subkey(shared, "seal", eph_pub + recipient)
    return AESGCM(key).decrypt(nonce, body, _SEAL_AAD)
