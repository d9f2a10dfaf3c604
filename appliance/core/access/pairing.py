"""Pairing (DESIGN §6): one-time 8-digit code, SPAKE2 bound to both certificate hashes, MACs.

Sans-IO: the box side keeps the window/code/failure policy; the HTTP layer only carries bytes.
The desk is SPAKE2 side A (identity = its certificate hash), the box side B; the proof both
ends compute, and the desk's side, are the contract's (appliance.contract.pairing_proof).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from spake2 import SPAKE2_B

from appliance.contract.pairing_proof import pairing_keys, transcript

WINDOW_S = 300.0
CODE_FAILURES = 3
DAILY_FAILURES = 10
DAY_S = 86400.0


class PairingError(Exception):
    """Pairing refused; the message says why (never which part of the proof failed)."""


@dataclass(frozen=True)
class Proof:
    """A desk that proved the code: its certificate hash and the session keys."""

    desk_fp: str
    keys: tuple[bytes, bytes, bytes]
    transcript: bytes


def seal(proof: Proof, secret: bytes) -> tuple[bytes, bytes]:
    """(box MAC, secret sealed for the desk) after a successful check."""
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(proof.keys[2]).encrypt(nonce, secret, proof.transcript)
    return hmac.new(proof.keys[1], proof.transcript, hashlib.sha256).digest(), sealed


@dataclass
class _Attempt:
    desk_fp: str
    desk_msg: bytes
    box_msg: bytes
    spake: SPAKE2_B


@dataclass
class PairingDesk:
    """Box side: the window, the code, failure counts; one object per box."""

    box_fp: str
    window_s: float = WINDOW_S
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time  # failures are counted per day in wall-clock time
    code: str | None = None
    opened_at: float = 0.0
    code_failures: int = 0
    failures: list[float] = field(default_factory=list)
    closed_for_day: bool = False
    _attempts: dict[str, _Attempt] = field(default_factory=dict)

    def open(self) -> str:
        """Admin action: a fresh code for window_s. After the daily limit it reopens too, but
        the day's failures stay counted: each reopening then allows one wrong guess."""
        self.code = f"{secrets.randbelow(10**8):08d}"
        self.opened_at = self.clock()
        self.code_failures = 0
        self.closed_for_day = False
        self._attempts.clear()
        return self.code

    def restore_failures(self, failures: list[float]) -> None:
        """The day's failures as saved before a restart: the daily limit carries over (a
        window the admin already opened stays open, with one guess)."""
        now = self.wall()
        self.failures = [f for f in failures if 0 <= now - f < DAY_S]
        self.closed_for_day = self.code is None and len(self.failures) >= DAILY_FAILURES

    def close(self) -> None:
        """End the window (success, expiry or admin)."""
        self.code = None
        self._attempts.clear()

    @property
    def is_open(self) -> bool:
        """True while a code is live and the window has not run out."""
        if self.code is not None and self.clock() - self.opened_at > self.window_s:
            self.close()
        return self.code is not None and not self.closed_for_day

    def start(self, desk_fp: str, desk_msg: bytes) -> tuple[str, bytes]:
        """Desk's SPAKE2 message in -> (attempt id, box message)."""
        if not self.is_open or self.code is None:
            raise PairingError("pairing is not open / ペアリングは開いていません")
        spake = SPAKE2_B(self.code.encode(), idA=desk_fp.encode(), idB=self.box_fp.encode())
        box_msg = spake.start()
        attempt_id = secrets.token_hex(16)
        if len(self._attempts) >= 8:
            self._attempts.pop(next(iter(self._attempts)))
        self._attempts[attempt_id] = _Attempt(desk_fp, desk_msg, box_msg, spake)
        return attempt_id, box_msg

    def knows(self, attempt_id: str) -> bool:
        """True while attempt_id may still be finished (at most eight are kept)."""
        return attempt_id in self._attempts

    def finish(self, attempt_id: str, desk_mac: bytes, secret: bytes) -> tuple[bytes, bytes]:
        """check() then seal() in one step."""
        return seal(self.check(attempt_id, desk_mac), secret)

    def check(self, attempt_id: str, desk_mac: bytes) -> Proof:
        """Check the desk's MAC; success closes the window (single use).

        A wrong MAC counts against the code (dead after CODE_FAILURES) and the day.
        """
        attempt = self._attempts.pop(attempt_id, None)
        if attempt is None or not self.is_open:
            raise PairingError("pairing is not open / ペアリングは開いていません")
        try:
            keys = pairing_keys(attempt.spake.finish(attempt.desk_msg))
        except Exception:  # a malformed SPAKE2 message is a failed attempt like a wrong code
            keys = None
        t = transcript(attempt.desk_fp, self.box_fp, attempt.desk_msg, attempt.box_msg)
        if keys is None or not hmac.compare_digest(
            hmac.new(keys[0], t, hashlib.sha256).digest(), desk_mac
        ):
            self._failed()
            raise PairingError("wrong code / コードが違います")
        self.close()
        return Proof(attempt.desk_fp, keys, t)

    def _failed(self) -> None:
        now = self.wall()
        self.failures = [f for f in self.failures if now - f < DAY_S] + [now]
        self.code_failures += 1
        if self.code_failures >= CODE_FAILURES:
            self.close()
        if len(self.failures) >= DAILY_FAILURES:
            self.closed_for_day = True
            self.close()
