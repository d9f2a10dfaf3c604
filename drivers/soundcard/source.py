"""The audio source seam: what the sound-card driver reads line audio from."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class AudioSourceError(Exception):
    """The device vanished (unplugged) or cannot be opened right now; retrying may succeed."""


@runtime_checkable
class AudioSource(Protocol):
    """Blocking mono 16-bit PCM input; `rate` is valid after open()."""

    name: str
    rate: int

    def open(self) -> None:
        """Open the device; AudioSourceError when it is absent."""

    def read(self, frames: int) -> bytes:
        """Up to `frames` frames of PCM; b"" when a finite source has ended; AudioSourceError."""
        ...

    def close(self) -> None:
        """Release the device; safe to call twice."""
