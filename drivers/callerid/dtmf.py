"""Streaming DTMF detector: 8 kHz float samples in, digits with their sample spans out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drivers.callerid.project import project

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


TONES = np.array((*ROWS, *COLS))
SUB = FRAME // HOP  # a frame is SUB consecutive hop-sized blocks


def _basis() -> tuple[np.ndarray, np.ndarray]:
    """cos/sin of every tone over one hop-sized block, and each block's phase within a frame."""
    n = np.arange(HOP)
    w = 2 * np.pi * TONES / RATE
    basis = np.concatenate((np.cos(np.outer(n, w)), np.sin(np.outer(n, w))), axis=1)
    # a frame's DFT at a tone is the sum of its blocks' DFTs, each turned by its offset
    turn = np.exp(-1j * np.outer(np.arange(SUB) * HOP, w))
    return basis, turn


BASIS, TURN = _basis()
TONE_SCALE = 2.0 / FRAME**2  # a sine's DFT power over one frame comes out as its mean square


def tone_powers(x: np.ndarray, frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Per frame (FRAME samples every HOP from x[0]): power at each tone, and mean-square power.

    Each hop-sized block is projected once and shared by the SUB frames that contain it.
    """
    nb = frames + SUB - 1
    blocks = x[: nb * HOP].reshape(nb, HOP)
    proj = project(blocks, BASIS)
    per_block = proj[:, : TONES.size] - 1j * proj[:, TONES.size :]
    frame = sum(per_block[k : k + frames] * TURN[k] for k in range(SUB))
    power = (frame.real**2 + frame.imag**2) * TONE_SCALE
    energy = np.einsum("ij,ij->i", blocks, blocks)
    total = np.convolve(energy, np.ones(SUB), "valid") / FRAME
    return power, total


def classify(power: np.ndarray, total: np.ndarray) -> list[str]:
    """Key heard in each frame ('' for none) by power, purity, dominance and twist."""
    keys = [""] * power.shape[0]
    # the two strongest tones never hold more than all eight: most frames end here
    maybe = np.flatnonzero((power.sum(axis=1) > PURITY * total) & (total > FLOOR))
    if maybe.size == 0:
        return keys
    power, total = power[maybe], total[maybe]
    rows, cols = power[:, :4], power[:, 4:]
    r, c = rows.argmax(axis=1), cols.argmax(axis=1)
    idx = np.arange(power.shape[0])
    pr, pc = rows[idx, r], cols[idx, c]
    rows_other = np.partition(rows, 2, axis=1)[:, 2]
    cols_other = np.partition(cols, 2, axis=1)[:, 2]
    ok = (
        ((pr + pc) > PURITY * total)
        & (pr > DOMINANCE * rows_other)
        & (pc > DOMINANCE * cols_other)
        & (pr < MAX_TWIST * pc)
        & (pc < MAX_TWIST * pr)
    )
    for i in np.flatnonzero(ok).tolist():
        keys[int(maybe[i])] = KEYS[int(r[i])][int(c[i])]
    return keys


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
        keys = classify(*tone_powers(self._buf, n))
        out: list[DtmfDigit] = []
        i = 0
        while i < n:
            if not keys[i] and not self._key and not self._pending:
                # nothing heard and nothing open: only the silence count moves
                j = next((k for k in range(i, n) if keys[k]), n)
                self._gap += j - i
                i = j
                continue
            self._step(keys[i], self._base + i * HOP, out)
            i += 1
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
