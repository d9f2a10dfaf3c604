"""Bring PCM at any card rate to the decoder's 8 kHz float samples (streaming and whole-file)."""

from __future__ import annotations

from math import gcd

import numpy as np
from scipy.signal import firwin, lfilter, resample_poly

RATE = 8000


def pcm16_to_float(pcm: bytes) -> np.ndarray:
    """Signed 16-bit little-endian mono PCM to floats (full scale 1.0)."""
    return np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(float) / 32768.0


def to_8k(pcm: bytes, rate: int) -> np.ndarray:
    """A whole recording at `rate` as 8 kHz floats."""
    x = pcm16_to_float(pcm)
    if rate == RATE:
        return x
    if rate <= 0:
        raise ValueError(f"bad sample rate {rate}")
    g = gcd(rate, RATE)
    return np.asarray(resample_poly(x, RATE // g, rate // g))


class Resampler:
    """Streaming rate converter to 8 kHz: FIR low-pass at the card rate, then interpolation.

    Caller-ID signals stay below 3 kHz, so after the low-pass the input is heavily oversampled
    and linear interpolation between input samples is accurate; works for any ratio (44.1 kHz).
    """

    def __init__(self, rate: int, taps: int = 63) -> None:
        if rate < RATE:
            raise ValueError(f"sample rate {rate} Hz is below {RATE} Hz")
        self.rate = rate
        self._step = rate / RATE  # input samples per output sample
        self._h = firwin(taps, 3500.0, fs=rate) if rate > RATE else np.ones(1)
        self._zi = np.zeros(self._h.size - 1)
        self._prev = 0.0  # last filtered sample of the previous chunk
        self._t = 0.0  # next output time, in input samples after `_prev`

    def feed(self, x: np.ndarray) -> np.ndarray:
        """Convert a chunk; filter state and output timing carry across chunks."""
        x = np.asarray(x, dtype=float)
        if self.rate == RATE:
            return x
        if x.size == 0:
            return x
        y, self._zi = lfilter(self._h, 1.0, x, zi=self._zi)
        seq = np.concatenate(([self._prev], y))  # seq[0] is at time 0
        last = seq.size - 1
        times = np.arange(self._t, last + 1e-9, self._step)
        out = np.interp(times, np.arange(seq.size), seq)
        self._t = (times[-1] + self._step - last) if times.size else self._t - x.size
        self._prev = float(seq[-1])
        return np.asarray(out)
