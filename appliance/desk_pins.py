"""Paired desks' certificates, kept beside the vault so a locked box still knows its desks.

Certificates are public; the file holds no personal data (desk ids and fingerprints only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from appliance.contract.identity import fingerprint

PINS_NAME = "desk-pins.json"


class DeskPins:
    """fingerprint -> (desk id, certificate PEM), written atomically on every change."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / PINS_NAME
        self._pins: dict[str, dict[str, object]] = {}
        if self.path.exists():
            self._pins = json.loads(self.path.read_text(encoding="utf-8"))

    def items(self) -> list[tuple[str, int, bytes]]:
        """(fingerprint, desk id, PEM) of every pinned desk."""
        pins = self._pins.items()
        return [(fp, int(str(p["desk_id"])), str(p["pem"]).encode()) for fp, p in pins]

    def desk_id(self, fp: str) -> int | None:
        """The desk id pinned under a fingerprint, if any."""
        pin = self._pins.get(fp)
        return int(str(pin["desk_id"])) if pin is not None else None

    def add(self, pem: bytes, desk_id: int) -> str:
        """Pin a desk certificate; returns its fingerprint."""
        fp = fingerprint(pem)
        self._pins[fp] = {"desk_id": desk_id, "pem": pem.decode()}
        self._write()
        return fp

    def remove(self, desk_id: int, fingerprint: str = "") -> None:
        """Forget a revoked desk (by its id, and by its fingerprint when given); durable."""
        kept = {
            fp: p for fp, p in self._pins.items() if p["desk_id"] != desk_id and fp != fingerprint
        }
        if kept != self._pins:
            self._pins = kept
            self._write()

    def _write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self._pins, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)
