"""The replica key at rest: wrapped under each user's password, never stored in the clear.

`replica-keys.json` (0600, in the keystore) maps a username to one wrap of the desk's 32-byte
replica key: a key-encryption key is stretched from the password with Argon2id (a random
16-byte salt per wrap; time_cost 3, 64 MiB, one lane: about 0.4 s on a laptop core and 1-2 s
on a Raspberry Pi 4), and the replica key is sealed with AES-256-GCM (random 96-bit nonce,
associated data binding the username and this desk's certificate fingerprint, so a wrap
copied to another user or desk does not open). A stolen desk disk holds no usable key.

Wraps are made at an online login, the only time the box has just vouched for the password.
A user new at this desk, or one whose password the admin reset, has no wrap the password
opens: for them `replica-escrow.json` holds one more wrap, under a per-desk secret the box
hands only to a logged-in session at this desk (GET /desk/replica-secret), so a stolen disk
still opens nothing. Without it (an older box) the replica is made again from the box.
Desks made before this kept the key in a plain `replica-key` file: the next online login wraps
it and shreds the file; until then the replica keeps opening with it (and says so)."""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from appliance.contract.identity import fingerprint
from tui.client.errors import DeskError
from tui.client.keystore import Keystore, write_private
from tui.i18n import both
from tui.replica.store import FILE, Replica, ReplicaError, remove_replica

FILE_NAME = "replica-keys.json"
ESCROW = "replica-escrow.json"
LOCK_NAME = "replica-keys.lock"
LEGACY = "replica-key"  # the plain key of desks made before wrapping (appliance restore reads it)
KEY_BYTES, SALT_BYTES, NONCE_BYTES = 32, 16, 12


@dataclass(frozen=True)
class Kdf:
    """Argon2id parameters of one wrap (kept in the wrap, so they can grow later)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1

    def derive(self, password: str, salt: bytes) -> bytes:
        """The 32-byte key-encryption key for `password`."""
        return hash_secret_raw(
            password.encode(),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


KDF = Kdf()


class ReplicaKeyError(DeskError):
    """The replica key cannot be had: wrong password, or a user who never logged in here."""


@dataclass(frozen=True)
class LoginKey:
    """What an online login got: the key for this session and a note to show (or "")."""

    key: bytes
    note: str = ""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    return base64.b64decode(str(text), validate=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` between processes (POSIX flock; none where there is none)."""
    try:
        import fcntl
    except ImportError:  # Windows: one desk process per keystore there
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shred(path: Path) -> None:
    """Overwrite a small file with random bytes, sync, then unlink it (best effort: a
    copy-on-write or wear-levelled disk may keep the old blocks)."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.write(secrets.token_bytes(max(size, KEY_BYTES)))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()


class ReplicaKeys:
    """The wraps of one keystore's replica key, one per user who logged in at this desk."""

    def __init__(self, keystore: Keystore, kdf: Kdf | None = None) -> None:
        self.keystore = keystore
        self.kdf = kdf or KDF
        self.path = keystore.root / FILE_NAME

    # the file -------------------------------------------------------------------------
    def _load(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReplicaKeyError(both("replica_key.damaged", path=self.path, error=exc)) from None
        return {str(k): dict(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _save(self, wraps: dict[str, dict[str, Any]]) -> None:
        self.keystore.ensure_dir()
        write_private(self.path, json.dumps(wraps, ensure_ascii=False, indent=1).encode())

    def users(self) -> list[str]:
        """Who can open the replica offline at this desk."""
        return sorted(self._load())

    def legacy_key(self) -> bytes | None:
        """The plain key of a desk from before wrapping, if it is still there."""
        path = self.keystore.root / LEGACY
        if not path.exists():
            return None
        key = path.read_bytes()
        return key if len(key) == KEY_BYTES else None

    def _escrow_aad(self) -> bytes:
        return f"ringdesk replica escrow\0{fingerprint(self.keystore.identity().cert_pem)}".encode()

    def from_escrow(self, secret: bytes) -> bytes | None:
        """The key the escrow file holds under the box's secret for this desk (None: no file,
        or another secret)."""
        path = self.keystore.root / ESCROW
        try:
            sealed = json.loads(path.read_text(encoding="utf-8"))
            return AESGCM(secret).decrypt(
                _unb64(sealed["nonce"]), _unb64(sealed["wrapped"]), self._escrow_aad()
            )
        except (OSError, ValueError, KeyError, TypeError, InvalidTag):
            return None

    def _save_escrow(self, secret: bytes, key: bytes) -> None:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(secret).encrypt(nonce, key, self._escrow_aad())
        self.keystore.ensure_dir()
        write_private(
            self.keystore.root / ESCROW,
            json.dumps({"nonce": _b64(nonce), "wrapped": _b64(sealed)}).encode(),
        )

    def _aad(self, username: str) -> bytes:
        desk = fingerprint(self.keystore.identity().cert_pem)
        return f"ringdesk replica key\0{username}\0{desk}".encode()

    # wrapping -------------------------------------------------------------------------
    def _wrap(self, username: str, password: str, key: bytes) -> dict[str, Any]:
        salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
        kek = self.kdf.derive(password, salt)
        sealed = AESGCM(kek).encrypt(nonce, key, self._aad(username))
        return {
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(sealed),
            "kdf": {"t": self.kdf.time_cost, "m": self.kdf.memory_kib, "p": self.kdf.parallelism},
        }

    def _unwrap(self, username: str, password: str, wrap: dict[str, Any]) -> bytes | None:
        """The key, or None when the password does not open this wrap."""
        try:
            params = wrap.get("kdf") or {}
            kdf = Kdf(
                int(params.get("t", KDF.time_cost)),
                int(params.get("m", KDF.memory_kib)),
                int(params.get("p", KDF.parallelism)),
            )
            kek = kdf.derive(password, _unb64(wrap["salt"]))
            return AESGCM(kek).decrypt(
                _unb64(wrap["nonce"]), _unb64(wrap["wrapped"]), self._aad(username)
            )
        except (InvalidTag, KeyError, ValueError, TypeError):
            return None

    def _find(self, wraps: dict[str, dict[str, Any]], username: str) -> str | None:
        if username in wraps:
            return username
        folded = [u for u in wraps if u.casefold() == username.casefold()]
        return folded[0] if len(folded) == 1 else None

    # the two moments ------------------------------------------------------------------
    def at_login(self, username: str, password: str, escrow: bytes | None = None) -> LoginKey:
        """_at_login under the keystore's lock: desk processes sharing a keystore (browser
        desks) logging in at once would otherwise lose each other's wraps."""
        with _locked(self.keystore.root / LOCK_NAME):
            return self._at_login(username, password, escrow)

    def at_password_login(
        self, username: str, password: str, escrow: bytes | None
    ) -> tuple[bytes | None, str]:
        """at_login for the box client: the key and its note, or no key and why (the login
        stands; only the offline copy is missing)."""
        try:
            got = self.at_login(username, password, escrow)
        except (OSError, ReplicaError, ReplicaKeyError) as exc:
            return None, str(exc)
        return got.key, got.note

    def _at_login(self, username: str, password: str, escrow: bytes | None) -> LoginKey:
        """After the box accepted `password`: this user's key for the session, wrapped for
        them if it was not yet (first login here, changed password, a plain legacy key);
        `escrow` is the box's secret for this desk (None from an older box).

        When neither this password, a legacy key nor the escrow opens the key, the old replica
        cannot be read any more: it is removed and a new key made, the box refills the replica,
        and the other users' wraps (of the old key) go."""
        wraps = self._load()
        found = self._find(wraps, username)
        name = found or username
        key = self._unwrap(name, password, wraps[found]) if found is not None else None
        rewrap = key is None or wraps[name].get("kdf") != self._kdf_row()
        note, legacy = "", self.legacy_key()
        if key is None and legacy is not None:
            key, note = legacy, both("replica_key.migrated")
        if key is None and escrow is not None:
            key = self.from_escrow(escrow)
        if key is not None and not self._opens(key):
            key = None  # a replica under some other key: it cannot be read with this one
        if key is None:
            others = sorted(u for u in wraps if u != name)
            had_replica = (self.keystore.root / FILE).exists()
            remove_replica(self.keystore.root)
            key, wraps, rewrap = secrets.token_bytes(KEY_BYTES), {}, True
            if had_replica or others:
                note = both("replica_key.remade", users=", ".join(others) or "-")
        if rewrap:
            wraps[name] = self._wrap(name, password, key)
            self._save(wraps)
        if escrow is not None and self.from_escrow(escrow) != key:
            self._save_escrow(escrow, key)
        if legacy is not None:
            shred(self.keystore.root / LEGACY)
        return LoginKey(key, note)

    def _kdf_row(self) -> dict[str, int]:
        return {"t": self.kdf.time_cost, "m": self.kdf.memory_kib, "p": self.kdf.parallelism}

    def _opens(self, key: bytes) -> bool:
        """True if `key` opens the replica file (or there is none yet), False if it is another
        key's; any other failure (locked, disk full, I/O) is raised as ReplicaError, so a
        replica that is only busy is never thrown away."""
        if not (self.keystore.root / FILE).exists():
            return True
        try:
            Replica(self.keystore.root / FILE, key).close()
        except ReplicaError as exc:
            if exc.wrong_key:
                return False
            raise
        return True

    def offline(self, username: str, password: str) -> bytes:
        """The key for reading the replica while the box is unreachable; ReplicaKeyError with
        one clear message for a wrong password or a user who never logged in here."""
        wraps = self._load()
        found = self._find(wraps, username)
        if found is None:
            raise ReplicaKeyError(both("replica_key.unknown_user", user=username))
        key = self._unwrap(found, password, wraps[found])
        if key is None:
            raise ReplicaKeyError(both("replica_key.wrong_password"))
        return key
