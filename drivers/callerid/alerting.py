"""Alerting signals heard on the line: ring bursts, NTT CAR cadence, DT-AS, line-reversal clicks.

Sans-IO and streaming: 8 kHz float samples in, Alert events out once each signal has ended.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 8000
BLOCK = 40  # 5 ms: block means keep ring frequencies (16-50 Hz) and drop voice-band audio
WINDOW = 10  # blocks per 50 ms decision
RING_FLOOR = 10 ** (-45 / 10)  # low-frequency power that counts as ringing (-45 dBFS)
RING_SHARE = 0.5  # share of the window's power below ~100 Hz
DTAS_HZ = (2130.0, 2750.0)
DTAS_SHARE = 0.6
CLICK_RATIO = 30.0  # a 5 ms block this much louder than the 50 ms before and after it


@dataclass(frozen=True, slots=True)
class Alert:
    """One alerting signal: ring, ring-pulse, car, dtas or reversal, with its sample span."""

    kind: str
    start: int
    end: int
    cadence_ms: tuple[int, ...] = ()


class AlertDetector:
    """Feed samples in chunks of any size; get each alerting signal once it has ended."""

    def __init__(self) -> None:
        self._buf = np.zeros(0)
        self._base = 0
        self._ring_on: int | None = None
        self._dtas_on: int | None = None
        self._bursts: list[tuple[int, int]] = []  # recent ring bursts, for the CAR cadence
        self._levels: list[float] = []  # recent block powers, for clicks
        n = np.arange(WINDOW * BLOCK)
        self._dtas_basis = np.stack(
            [f(2 * np.pi * hz * n / RATE) for hz in DTAS_HZ for f in (np.cos, np.sin)], axis=1
        )

    def feed(self, samples: np.ndarray) -> list[Alert]:
        """Analyse a chunk; return alerts that ended within it."""
        self._buf = np.concatenate((self._buf, np.asarray(samples, dtype=float)))
        step = WINDOW * BLOCK
        n = self._buf.size // step
        out: list[Alert] = []
        if n == 0:
            return out
        win = self._buf[: n * step].reshape(n, WINDOW, BLOCK)
        means = win.mean(axis=2)
        lf = means.var(axis=1)
        total = (win * win).mean(axis=(1, 2)) + 1e-15
        ring = (lf > RING_FLOOR) & (lf > RING_SHARE * total)
        flat = win.reshape(n, step)
        proj = np.einsum("ij,jk->ik", flat, self._dtas_basis)
        tones = (proj**2).reshape(n, 2, 2).sum(axis=2) * 2 / step**2
        dtas = (tones.min(axis=1) > 0.2 * tones.max(axis=1)) & (
            tones.sum(axis=1) > DTAS_SHARE * total
        )
        blocks = (win * win).mean(axis=2).ravel()
        for i in range(n):
            at = self._base + i * step
            self._ring(bool(ring[i]), at, out)
            self._dtas(bool(dtas[i]), at, out)
        self._clicks(blocks, out)
        self._buf = self._buf[n * step :]
        self._base += n * step
        return out

    def _ring(self, on: bool, at: int, out: list[Alert]) -> None:
        if on and self._ring_on is None:
            self._ring_on = at
        elif not on and self._ring_on is not None:
            start, self._ring_on = self._ring_on, None
            ms = (at - start) * 1000 // RATE
            if ms < 150:
                return
            self._bursts = [b for b in self._bursts if start - b[1] < 2 * RATE][-3:]
            self._bursts.append((start, at))
            out.append(Alert(self._ring_kind(ms), start, at, self._cadence()))

    def _ring_kind(self, ms: int) -> str:
        if ms < 400:
            return "ring-pulse"
        if 350 <= ms <= 700 and len(self._bursts) >= 2:
            (s0, e0), (s1, _) = self._bursts[-2], self._bursts[-1]
            on0 = (e0 - s0) * 1000 // RATE
            period = (s1 - s0) * 1000 // RATE
            if 350 <= on0 <= 700 and 800 <= period <= 1300:
                return "car"
        return "ring"

    def _cadence(self) -> tuple[int, ...]:
        out: list[int] = []
        for i, (s, e) in enumerate(self._bursts):
            if i:
                out.append((s - self._bursts[i - 1][1]) * 1000 // RATE)
            out.append((e - s) * 1000 // RATE)
        return tuple(out)

    def _dtas(self, on: bool, at: int, out: list[Alert]) -> None:
        if on and self._dtas_on is None:
            self._dtas_on = at
        elif not on and self._dtas_on is not None:
            start, self._dtas_on = self._dtas_on, None
            if 50 <= (at - start) * 1000 // RATE <= 200:
                out.append(Alert("dtas", start, at))

    def _clicks(self, blocks: np.ndarray, out: list[Alert]) -> None:
        levels = [*self._levels, *blocks.tolist()]
        first = self._base - len(self._levels) * BLOCK
        for i in range(WINDOW, len(levels) - WINDOW):
            here = levels[i]
            around = max(max(levels[i - WINDOW : i]), max(levels[i + 1 : i + 1 + WINDOW]))
            if here > 1e-4 and here > CLICK_RATIO * (around + 1e-12):
                at = first + i * BLOCK
                out.append(Alert("reversal", at, at + BLOCK))
        self._levels = levels[-2 * WINDOW :]
