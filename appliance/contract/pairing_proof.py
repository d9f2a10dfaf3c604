"""The proof both ends of pairing compute: SPAKE2 bound to both certificate hashes, the
transcript both confirmation MACs cover, the keys derived from SPAKE2, and the desk's side.

The desk is SPAKE2 side A (identity = its certificate hash), the box side B."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from spake2 import SPAKE2_A


class PairingProofError(Exception):
    """The box did not prove the code, or sent something unusable; the message is for people."""


def pairing_keys(shared: bytes) -> tuple[bytes, bytes, bytes]:
    """Desk-confirm, box-confirm and secret-wrapping keys from the SPAKE2 key."""

    def sub(label: bytes) -> bytes:
        return hmac.new(shared, b"ringdesk pairing " + label, hashlib.sha256).digest()

    return sub(b"desk"), sub(b"box"), sub(b"wrap")


def transcript(desk_fp: str, box_fp: str, desk_msg: bytes, box_msg: bytes) -> bytes:
    """What both confirmation MACs cover: length-prefixed fingerprints and messages."""
    h = hashlib.sha256()
    for part in (desk_fp.encode(), box_fp.encode(), desk_msg, box_msg):
        h.update(len(part).to_bytes(4, "big") + part)
    return h.digest()


class DeskHandshake:
    """start: `msg` for the box; confirm(box_msg) -> our MAC; open(box_mac, sealed) -> secret."""

    def __init__(self, code: str, desk_fp: str, box_fp: str) -> None:
        self.desk_fp, self.box_fp = desk_fp, box_fp
        self._spake = SPAKE2_A(code.encode(), idA=desk_fp.encode(), idB=box_fp.encode())
        self.msg: bytes = self._spake.start()
        self._keys: tuple[bytes, bytes, bytes] | None = None
        self._t = b""

    def confirm(self, box_msg: bytes) -> bytes:
        """Our confirmation MAC over the transcript, once the box's message is in."""
        try:
            self._keys = pairing_keys(self._spake.finish(box_msg))
        except Exception as exc:  # spake2 raises its own errors on a malformed message
            raise PairingProofError("the box sent a bad message / 箱の応答が不正です") from exc
        self._t = transcript(self.desk_fp, self.box_fp, self.msg, box_msg)
        return hmac.new(self._keys[0], self._t, hashlib.sha256).digest()

    def open(self, box_mac: bytes, sealed_secret: bytes) -> bytes:
        """Check the box's MAC, then unseal the 32-byte desk secret."""
        if self._keys is None:
            raise PairingProofError("confirm() first")
        want = hmac.new(self._keys[1], self._t, hashlib.sha256).digest()
        if not hmac.compare_digest(want, box_mac):
            raise PairingProofError("the box did not prove the code / 箱がコードを証明できません")
        try:
            secret = AESGCM(self._keys[2]).decrypt(sealed_secret[:12], sealed_secret[12:], self._t)
        except InvalidTag as exc:
            raise PairingProofError("the desk secret did not open / 鍵を開けません") from exc
        if len(secret) != 32:
            raise PairingProofError("the desk secret is not 32 bytes / 鍵の長さが違います")
        return secret
