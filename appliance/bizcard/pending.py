"""Scans waiting for a person to confirm them: held in memory only, for a while, by token."""

from __future__ import annotations

import io
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageOps

from appliance.bizcard.fields import ScanResult
from appliance.bizcard.scan import open_image, scan_image

KEEP_S = 30 * 60.0
MAX_HELD = 16
STORED_LONG_SIDE = 1600  # pixels: the kept image is for people to look at, not for OCR again


@dataclass(frozen=True)
class HeldScan:
    """A scan's result and its image as it will be stored (JPEG, no EXIF such as GPS)."""

    result: ScanResult
    jpeg: bytes
    at: float


def stored_jpeg(img: Image.Image) -> bytes:
    """The image as the box keeps it: upright, at most STORED_LONG_SIDE, JPEG without metadata."""
    img = ImageOps.exif_transpose(img).convert("RGB")
    img.thumbnail((STORED_LONG_SIDE, STORED_LONG_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def read(data: bytes) -> HeldScan:
    """Read the image bytes into a scan to hold (blocking: CPU-heavy, run it off the loop)."""
    img = open_image(data)
    result = scan_image(img)
    return HeldScan(result, stored_jpeg(img), time.monotonic())


class PendingScans:
    """Scans held until kept, by token; used from the event loop only (no locks needed)."""

    def __init__(self, keep_s: float = KEEP_S, max_held: int = MAX_HELD) -> None:
        self.keep_s, self.max_held = keep_s, max_held
        self._held: OrderedDict[str, HeldScan] = OrderedDict()

    def hold(self, held: HeldScan) -> str:
        """Hold a scan; its token (the oldest held scan goes when too many wait)."""
        self._expire()
        token = secrets.token_urlsafe(18)
        self._held[token] = held
        while len(self._held) > self.max_held:
            self._held.popitem(last=False)
        return token

    def take(self, token: str) -> HeldScan | None:
        """The held scan (gone from memory after this), or None when unknown or expired."""
        self._expire()
        return self._held.pop(token, None)

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, h in self._held.items() if now - h.at > self.keep_s]:
            del self._held[token]
