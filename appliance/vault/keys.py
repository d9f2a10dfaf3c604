"""Key material: the data key, keys derived from it (HKDF), slot keys, sealing to X25519."""

from __future__ import annotations

import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SEAL_OVERHEAD = 32 + NONCE_BYTES + 16  # ephemeral public key, nonce, GCM tag
# Crockford base32: no I, L, O, U, so a handwritten or misread code still normalises.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CHARS = 30  # 150 bits
_GROUP = 5


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: time (passes), memory (KiB), lanes. Stored with each recovery slot."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return os.urandom(KEY_BYTES)


def hkdf(material: bytes, purpose: str, salt: bytes | None = None) -> bytes:
    """32 bytes derived from material for one named purpose (HKDF-SHA256)."""
    kdf = HKDF(hashes.SHA256(), KEY_BYTES, salt, b"ringdesk/" + purpose.encode())
    return kdf.derive(material)


def database_key(data_key: bytes) -> bytes:
    """The SQLCipher raw key."""
    return hkdf(data_key, "sqlcipher")


def recording_key(data_key: bytes) -> bytes:
    """The key recordings are encrypted under."""
    return hkdf(data_key, "recordings")


def inbox_private_key(data_key: bytes) -> X25519PrivateKey:
    """The private half of the sealed inbox key (only known while unlocked)."""
    return X25519PrivateKey.from_private_bytes(hkdf(data_key, "inbox"))


def slot_file_mac_key(data_key: bytes) -> bytes:
    """The key the slot file's integrity tag is computed with."""
    return hkdf(data_key, "slot-file-mac")


def key_id(data_key: bytes) -> str:
    """A short public fingerprint telling data keys apart (never reveals the key)."""
    return hkdf(data_key, "key-id")[:8].hex()


def slot_key_from_secret(secret: bytes, salt: bytes) -> X25519PrivateKey:
    """The slot's private key from a desk secret or key-file contents."""
    return X25519PrivateKey.from_private_bytes(hkdf(secret, "slot", salt))


def slot_key_from_code(code: str, salt: bytes, params: Argon2Params) -> X25519PrivateKey:
    """The recovery slot's private key: the normalised code stretched with Argon2id."""
    raw = hash_secret_raw(
        normalize_recovery_code(code).encode(),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return X25519PrivateKey.from_private_bytes(raw)


def public_bytes(key: X25519PrivateKey | X25519PublicKey) -> bytes:
    """Raw 32-byte public key."""
    pub = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return pub.public_bytes_raw()


def seal(plaintext: bytes, recipient: bytes, aad: bytes) -> bytes:
    """Encrypt to a raw X25519 public key: ephemeral ECDH, HKDF, AES-GCM with aad bound in."""
    eph = X25519PrivateKey.generate()
    eph_pub = public_bytes(eph)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = hkdf(shared, "seal", eph_pub + recipient)
    nonce = os.urandom(NONCE_BYTES)
    return eph_pub + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(sealed: bytes, private: X25519PrivateKey, aad: bytes) -> bytes:
    """Open what seal() made; raises cryptography's InvalidTag if anything was altered."""
    eph_pub, nonce, body = sealed[:32], sealed[32 : 32 + NONCE_BYTES], sealed[32 + NONCE_BYTES :]
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    key = hkdf(shared, "seal", eph_pub + public_bytes(private))
    return AESGCM(key).decrypt(nonce, body, aad)


def new_recovery_code() -> str:
    """A printable recovery code (150 random bits), grouped for reading aloud."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(RECOVERY_CHARS))
    return "-".join(chars[i : i + _GROUP] for i in range(0, RECOVERY_CHARS, _GROUP))


def normalize_recovery_code(code: str) -> str:
    """Upper case, separators dropped, O→0 and I/L→1, full-width folded; as stretched."""
    text = unicodedata.normalize("NFKC", code).upper()
    text = text.translate(str.maketrans("OIL", "011"))
    return "".join(ch for ch in text if ch.isalnum())


def mac(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 of data, hex."""
    return hmac.new(key, data, "sha256").hexdigest()
