"""The engine interface: PCM16 mono 8 kHz blocks in, text out, with progress."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

Progress = Callable[[float], None]  # audio seconds consumed so far


class Engine(Protocol):
    """A speech recogniser that runs on the box, without a network."""

    name: str
    language: str

    def transcribe(self, blocks: Iterable[bytes], progress: Progress) -> str:
        """The words heard in the audio (PCM16 mono 8 kHz blocks)."""
        ...


def quiet(block: bytes, threshold: float = 300.0) -> bool:
    """True when a block is near silence (RMS under threshold), a place to end an utterance."""
    import numpy as np  # here: the box imports this module at start, numpy only transcribes

    x = np.frombuffer(block, dtype="<i2").astype(np.float32)
    return x.size == 0 or float(np.sqrt(np.mean(x * x))) < threshold


def windows(blocks: Iterable[bytes], size: int) -> Iterable[bytes]:
    """Re-cut blocks into pieces of size bytes (the last may be shorter)."""
    buf = bytearray()
    for block in blocks:
        buf += block
        while len(buf) >= size:
            yield bytes(buf[:size])
            del buf[:size]
    if buf:
        yield bytes(buf)
