"""Read a mono 16-bit WAV file into PCM bytes at its own rate."""

from __future__ import annotations

import wave
from pathlib import Path


def read_wav(path: Path) -> tuple[bytes, int]:
    """Return (signed 16-bit LE mono PCM, sample rate); ValueError on other formats."""
    try:
        with wave.open(str(path), "rb") as w:
            if w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise ValueError(f"{path}: need mono 16-bit PCM WAV")
            return w.readframes(w.getnframes()), w.getframerate()
    except wave.Error as exc:
        raise ValueError(f"{path}: not a WAV file ({exc})") from exc
