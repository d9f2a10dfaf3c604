"""The desk keystore: its certificate and key, the pinned box, its 32-byte desk secret.

The replica key is not kept here in the clear: tui/replica/keys.py wraps it per user.

Everything lives in one directory (mode 0700) with files of mode 0600.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_data_dir

from appliance.contract.identity import Identity, fingerprint, make_identity

ENV = "RINGDESK_DESK_DATA"


def default_data_dir() -> Path:
    """$RINGDESK_DESK_DATA, then the platform's data directory for the desk."""
    return Path(os.environ.get(ENV) or user_data_dir("ringdesk-desk", appauthor=False))


@dataclass(frozen=True)
class PinnedBox:
    """The box this desk is paired with."""

    name: str
    host: str
    port: int
    fingerprint: str
    cert_pem: str
    desk_id: int


def write_private(path: Path, data: bytes) -> None:
    """Write atomically, readable by the owner only."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    tmp.chmod(0o600)
    tmp.replace(path)


class Keystore:
    """Files under `root`; load lazily, write with 0600."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        return self.root / name

    def ensure_dir(self) -> None:
        """Create the directory (0700)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o700)

    def identity(self) -> Identity:
        """This desk's certificate, made on first use."""
        cert, key = self._path("desk-cert.pem"), self._path("desk-key.pem")
        if cert.exists() and key.exists():
            return Identity(cert.read_bytes(), key.read_bytes())
        self.ensure_dir()
        # a unique subject: the box trusts self-signed desk certificates, found by subject name
        ident = make_identity(f"desk-{socket.gethostname()[:40]}-{secrets.token_hex(6)}")
        write_private(key, ident.key_pem)
        write_private(cert, ident.cert_pem)
        return ident

    @property
    def paired(self) -> bool:
        """True once a box is pinned and the desk secret kept."""
        return self._path("box.json").exists() and self._path("desk-secret").exists()

    def box(self) -> PinnedBox | None:
        """The pinned box, or None before pairing."""
        path = self._path("box.json")
        if not path.exists():
            return None
        box = PinnedBox(**json.loads(path.read_text(encoding="utf-8")))
        if fingerprint(box.cert_pem.encode()) != box.fingerprint:
            raise ValueError(f"{path}: pinned certificate does not match its fingerprint")
        return box

    def save_pairing(self, box: PinnedBox, secret: bytes) -> None:
        """Pin the box and keep the desk secret."""
        if len(secret) != 32:
            raise ValueError("a desk secret is 32 bytes")
        self.ensure_dir()
        write_private(self._path("desk-secret"), secret)
        write_private(self._path("box.json"), json.dumps(asdict(box), indent=1).encode())

    def update_address(self, host: str, port: int) -> None:
        """The box moved (new address seen on the LAN with the same fingerprint)."""
        box = self.box()
        if box is not None:
            moved = PinnedBox(box.name, host, port, box.fingerprint, box.cert_pem, box.desk_id)
            write_private(self._path("box.json"), json.dumps(asdict(moved), indent=1).encode())

    def secret(self) -> bytes:
        """The 32-byte desk secret."""
        return self._path("desk-secret").read_bytes()

    def token(self) -> str | None:
        """The remembered session token, if any."""
        path = self._path("session")
        return path.read_text(encoding="utf-8").strip() or None if path.exists() else None

    def save_token(self, token: str | None) -> None:
        """Remember (or forget, with None) the session token."""
        if token is None:
            self._path("session").unlink(missing_ok=True)
        else:
            self.ensure_dir()
            write_private(self._path("session"), token.encode())

    def prefs(self) -> dict[str, str]:
        """Desk preferences (language, theme, last user)."""
        path = self._path("prefs.json")
        if not path.exists():
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}

    def save_prefs(self, **values: str) -> None:
        """Merge and write desk preferences."""
        self.ensure_dir()
        merged = {**self.prefs(), **values}
        write_private(self._path("prefs.json"), json.dumps(merged, ensure_ascii=False).encode())
