"""Streaming FSK demodulator and UART framer: float samples in, received bytes out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, lfilter, lfilter_zi


@dataclass(frozen=True)
class FskMode:
    """Mark/space tone pair and bit rate of one FSK caller-ID modulation."""

    name: str
    mark_hz: float
    space_hz: float
    baud: float = 1200.0


BELL202 = FskMode("bell202", 1200.0, 2200.0)
V23 = FskMode("v23", 1300.0, 2100.0)


class FskDemodulator:
    """Feed 8 kHz samples in chunks of any size; get (sample_index, byte) pairs back."""

    def __init__(self, mode: FskMode, rate: int = 8000) -> None:
        self.mode = mode
        self.rate = rate
        centre = (mode.mark_hz + mode.space_hz) / 2
        self._w = -2j * np.pi * centre / rate
        self._n = 0
        shift = abs(mode.space_hz - mode.mark_hz) / 2
        self._b, self._a = butter(3, min(0.95, (shift + mode.baud * 0.6) / (rate / 2)))
        self._zi = lfilter_zi(self._b, self._a).astype(complex) * 0
        self._b2, self._a2 = butter(2, min(0.95, mode.baud * 0.9 / (rate / 2)))
        self._zi2 = lfilter_zi(self._b2, self._a2) * 0
        self._prev = 0j
        self._spb = rate / mode.baud
        self._last_bit = 1
        self._pos = -1.0  # samples until next bit decision; <0 when idle
        self._bits: list[int] = []

    def feed(self, samples: np.ndarray) -> list[tuple[int, int]]:
        """Demodulate a chunk; return each completed byte with the sample index of its stop bit."""
        x = np.asarray(samples, dtype=float)
        if x.size == 0:
            return []
        n = self._n + np.arange(x.size)
        mixed = x * np.exp(self._w * n)
        base, self._zi = lfilter(self._b, self._a, mixed, zi=self._zi)
        prev = np.concatenate(([self._prev], base[:-1]))
        self._prev = base[-1]
        disc = np.angle(base * np.conj(prev))
        smooth, self._zi2 = lfilter(self._b2, self._a2, disc, zi=self._zi2)
        bits = (smooth <= 0).astype(np.int8)  # mark (lower tone) -> 1
        out = self._uart(bits)
        self._n += x.size
        return out

    def _uart(self, bits: np.ndarray) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos, last, collected, spb = self._pos, self._last_bit, self._bits, self._spb
        for i, b in enumerate(bits.tolist()):
            if pos < 0:
                if last == 1 and b == 0:
                    pos = spb / 2
                    collected = []
                last = b
                continue
            last = b
            pos -= 1
            if pos > 0:
                continue
            collected.append(b)
            pos += spb
            if len(collected) == 1 and collected[0] != 0:
                pos = -1.0  # false start
            elif len(collected) == 10:
                if collected[9] == 1:
                    value = sum(bit << k for k, bit in enumerate(collected[1:9]))
                    out.append((self._n + i, value))
                pos = -1.0
        self._pos, self._last_bit, self._bits = pos, last, collected
        return out
