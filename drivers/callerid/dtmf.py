"""Streaming DTMF detector: 8 kHz float samples in, digits with their sample spans out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

RATE = 8000
ROWS = (697.0, 770.0, 852.0, 941.0)
COLS = (1209.0, 1336.0, 1477.0, 1633.0)
KEYS = ("123A", "456B", "789C", "*0#D")
FRAME = 160  # samples per analysis frame (20 ms): the 73 Hz row spacing is 1.5 bins
HOP = 40
MIN_FRAMES = 4  # frames agreeing before a digit counts (about 35 ms of tone)
MIN_GAP = 2  # silent frames that end a digit
PURITY = 0.55  # share of frame power in the two tones
DOMINANCE = 4.0  # strongest tone of a group over the next in that group
MAX_TWIST = 10.0  # row/column power ratio either way (10 dB)
MIN_BATCH_FRAMES = 10  # frames gathered before the vector work runs (50 ms)
FLOOR = 10 ** (-55 / 10)  # mean-square power below which a frame is silence (-55 dBFS)


@dataclass(frozen=True, slots=True)
class DtmfDigit:
    """One key press: the key and the sample span it was heard over."""

    key: str
    start: int
    end: int


def _basis() -> tuple[np.ndarray, float]:
    n = np.arange(FRAME)
    win = np.ones(FRAME)
    cols = []
    for hz in (*ROWS, *COLS):
        cols += [win * np.cos(2 * np.pi * hz * n / RATE), win * np.sin(2 * np.pi * hz * n / RATE)]
    # scale so a sine's windowed DFT power comes out as its mean-square power
    return np.stack(cols, axis=1), 2.0 / float(win.sum()) ** 2


BASIS, TONE_SCALE = _basis()


def classify(frames: np.ndarray) -> list[str]:
    """Key heard in each frame ('' for none) by power, purity, dominance and twist."""
    proj = np.einsum("ij,jk->ik", frames, BASIS)  # no BLAS: its threads cost more than the sums
    power = (proj[:, 0::2] ** 2 + proj[:, 1::2] ** 2) * TONE_SCALE
    total = (frames * frames).mean(axis=1)
    rows, cols = power[:, :4], power[:, 4:]
    r, c = rows.argmax(axis=1), cols.argmax(axis=1)
    idx = np.arange(frames.shape[0])
    pr, pc = rows[idx, r], cols[idx, c]
    rows_other = np.sort(rows, axis=1)[:, -2]
    cols_other = np.sort(cols, axis=1)[:, -2]
    ok = (
        (total > FLOOR)
        & ((pr + pc) > PURITY * total)
        & (pr > DOMINANCE * rows_other)
        & (pc > DOMINANCE * cols_other)
        & (pr < MAX_TWIST * pc)
        & (pc < MAX_TWIST * pr)
    )
    return [
        KEYS[i][j] if good else ""
        for i, j, good in zip(r.tolist(), c.tolist(), ok.tolist(), strict=True)
    ]


class DtmfDetector:
    """Feed samples in chunks of any size; get each digit once its tone has ended."""

    def __init__(self, rate: int = RATE) -> None:
        if rate != RATE:
            raise ValueError(f"DTMF detector runs at {RATE} Hz, got {rate}")
        self._buf = np.zeros(0)
        self._base = 0
        self._key = ""
        self._run = 0
        self._gap = 0
        self._start = 0
        self._last = 0
        self._pending: str = ""

    def feed(self, samples: np.ndarray) -> list[DtmfDigit]:
        """Analyse a chunk; return digits completed within it."""
        x = np.asarray(samples, dtype=float)
        self._buf = np.concatenate((self._buf, x))
        n = (self._buf.size - FRAME) // HOP + 1
        if n < MIN_BATCH_FRAMES:
            return []
        frames = np.ascontiguousarray(sliding_window_view(self._buf, FRAME)[: n * HOP : HOP])
        keys = classify(frames)
        out: list[DtmfDigit] = []
        for i, key in enumerate(keys):
            self._step(key, self._base + i * HOP, out)
        self._buf = self._buf[n * HOP :]
        self._base += n * HOP
        return out

    def _step(self, key: str, at: int, out: list[DtmfDigit]) -> None:
        if key and key == self._key:
            self._run += 1
            self._gap = 0
            self._last = at + FRAME
            if self._run == MIN_FRAMES:
                self._pending = key
            return
        if key:
            # a different key straight after another is only believed after a gap
            self._close(out)
            self._key, self._run, self._gap = key, 1, 0
            self._start, self._last = at, at + FRAME
            return
        self._gap += 1
        if self._gap >= MIN_GAP:
            self._close(out)
            self._key, self._run = "", 0

    def _close(self, out: list[DtmfDigit]) -> None:
        if self._pending:
            out.append(DtmfDigit(self._pending, self._start, self._last))
        self._pending = ""
