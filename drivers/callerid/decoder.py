"""Streaming FSK caller-ID decoder: PCM chunks in, decoded messages out (sans-IO)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drivers.callerid.bellcore import FskMessage, MessageFramer
from drivers.callerid.fsk import BELL202, V23, FskDemodulator, FskMode

MODES: dict[str, tuple[FskMode, ...]] = {
    "class": (BELL202,),
    "clip": (V23,),
    "aclip": (V23,),
    "auto": (BELL202, V23),
}
STANDARD_OF_MODE = {"bell202": "class", "v23": "clip"}


@dataclass(frozen=True)
class Decoded:
    """A message with the standard family it was heard on and its end time in seconds."""

    standard: str
    offset_s: float
    message: FskMessage


class CallerIdDecoder:
    """Run one demodulator per candidate modulation over the same stream."""

    def __init__(self, standard: str = "auto", rate: int = 8000) -> None:
        if standard not in MODES:
            raise ValueError(f"unsupported standard {standard!r}; choose one of {sorted(MODES)}")
        self.rate = rate
        self._chains = [(m, FskDemodulator(m, rate), MessageFramer()) for m in MODES[standard]]
        self._label = standard
        self._recent: list[Decoded] = []

    def feed_pcm16(self, pcm: bytes) -> list[Decoded]:
        """Feed signed 16-bit little-endian mono PCM (even length) and return new messages."""
        return self.feed(np.frombuffer(pcm, dtype="<i2").astype(float) / 32768.0)

    def feed(self, samples: np.ndarray) -> list[Decoded]:
        """Feed float samples and return messages completed within them."""
        out: list[Decoded] = []
        for mode, demod, framer in self._chains:
            for at, byte in demod.feed(samples):
                msg = framer.feed(byte, at)
                if msg is not None:
                    label = self._label if self._label != "auto" else STANDARD_OF_MODE[mode.name]
                    out.append(Decoded(label, round(at / self.rate, 2), msg))
        out.sort(key=lambda d: d.message.end_sample)
        return self._dedupe(out)

    def _dedupe(self, found: list[Decoded]) -> list[Decoded]:
        # Bell 202 and V.23 discriminators both lock onto either tone pair: one burst, one message.
        kept: list[Decoded] = []
        for d in found:
            if self._recent and any(
                r.message.type == d.message.type
                and r.message.fields == d.message.fields
                and abs(r.message.end_sample - d.message.end_sample) < self.rate // 10
                for r in self._recent
            ):
                continue
            kept.append(d)
            self._recent = [*self._recent[-3:], d]
        return kept
