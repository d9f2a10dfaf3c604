"""Streaming FSK demodulator and UART: float samples in, received bytes out (sans-IO).

Non-coherent matched filters (integrate-and-dump over each bit) on the mark and space tones,
a tone-to-total energy gate so noise costs almost nothing, a per-character timing search, and
a batch bit clock that follows a transmitter (or sound card) running off its nominal rate.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from drivers.callerid.project import project

RATE = 8000
EDGE_WINDOW = 7  # samples in the sliding correlator used to find start edges
GATE_BLOCK = 20  # samples per carrier-gate block (2.5 ms, three bits at 1200 baud)
GATE_RATIO = 0.30  # tone energy / total energy above which FSK is assumed present
GATE_MARGIN = 4  # blocks kept either side of the active span
FOLLOW_BITS = 48  # bits after a burst's last character still searched with the gate shut
SURE = 0.6  # every bit this clear on its own: skip the 3-bit sequence detector
MAX_STOP_BITS = 11  # idle marks across which the bit clock is trusted (10 may be sent)
CHAIN = 3  # back-to-back characters that prove a burst without the gate
BATCH = 3  # back-to-back characters decoded in one vector pass
MIN_BATCH = 400  # new samples gathered before the vector work runs (50 ms)
# the batch bit clock follows the transmitter: each batch's best timing offset (samples)
# is what the clock lost over the batch before; CLOCK_GAIN of it goes into the bit period.
# Transmitters may be 1 % off and a sound card's sample clock another 0.5 %.
CLOCK_GAIN = 1.0
MAX_CLOCK_ERROR = 0.02
# a burst's first batch is read on each of these clocks (x nominal); another than the nominal
# one is taken only when it fits FIRST_MARGIN better (noise alone must not move the clock)
FIRST_CLOCKS = 1 + np.array([-0.015, -0.0075, 0.0, 0.0075, 0.015])
NOMINAL = 2  # FIRST_CLOCKS[NOMINAL] is the nominal rate
FIRST_MARGIN = 0.10


@dataclass(frozen=True)
class FskMode:
    """Mark/space tone pair and bit rate of one FSK caller-ID modulation."""

    name: str
    mark_hz: float
    space_hz: float
    baud: float = 1200.0


BELL202 = FskMode("bell202", 1200.0, 2200.0)
V23 = FskMode("v23", 1300.0, 2100.0)


@dataclass(frozen=True, slots=True)
class UartByte:
    """One character: 8 data bits, sample span (start bit to stop bit), idle bits before it."""

    start: int
    at: int
    value: int
    idle_bits: float
    quality: float  # weakest bit decision, 0 (coin toss) .. 1 (clean)


class FskDemodulator:
    """Feed 8 kHz samples in chunks of any size; get the characters they complete."""

    def __init__(self, mode: FskMode, rate: int = RATE) -> None:
        if rate != RATE:
            raise ValueError(f"FSK demodulator runs at {RATE} Hz, got {rate}")
        self.mode = mode
        self._spb = RATE / mode.baud
        self._tab_m, self._tab_s, self._gate_basis = _tables(mode)
        bit_at = np.arange(-1, 12)[None, :] * self._spb
        self._offs_edge = np.arange(-2.0, 2.01, 0.5)[:, None] + bit_at
        self._offs_pred = np.arange(-1.5, 1.51, 0.5)[:, None] + bit_at
        self._batch_offs = np.arange(-1.5, 1.51, 0.5)
        self._period = self._spb  # the batch clock's bit period, as tracked in this burst
        self._clock_bits = 0.0  # bits the previous batch ran on that clock
        rho = float(np.sinc((mode.space_hz - mode.mark_hz) / mode.baud)) ** 2
        self._sure = SURE * (1 - rho) / (1 + rho)  # the tones overlap: a clean bit scores less
        self._dw = 2 * np.pi * (mode.mark_hz - mode.space_hz) / RATE
        self._buf = np.zeros(0)
        self._base = 0  # absolute index of _buf[0]
        self._next = 0  # absolute index where the next start-edge search begins
        self._last_end = -1e9  # absolute (fractional) index just after the last stop bit
        self._fresh = 0
        self._chain = 0  # characters in a row with at most a few stop bits between
        self._gate_end = -1e9  # absolute end of the latest span the carrier gate passed
        self._search_from: list[int] = []  # absolute starts of the gate's spans in the buffer
        self._search_to: list[int] = []  # and where searching after each one may stop

    @property
    def position(self) -> int:
        """Absolute index of the next sample expected."""
        return self._base + self._buf.size

    def feed(self, samples: np.ndarray, final: bool = False) -> list[UartByte]:
        """Demodulate a chunk; return each completed character in order."""
        x = np.asarray(samples, dtype=float)
        self._buf = np.concatenate((self._buf, x)) if self._buf.size else x.copy()
        self._fresh += x.size
        if self._fresh < MIN_BATCH and not final:
            return []
        self._fresh = 0
        return self._run()

    def _active_spans(self, x: np.ndarray) -> list[tuple[int, int]]:
        """Sample spans (with margins) where the tone/total energy ratio says FSK is present."""
        nb = x.size // GATE_BLOCK
        if nb < 3:
            return []
        blocks = x[: nb * GATE_BLOCK].reshape(nb, GATE_BLOCK)
        proj = project(blocks, self._gate_basis)
        per = np.stack(
            (np.einsum("ij,ij->i", proj, proj), np.einsum("ij,ij->i", blocks, blocks) * GATE_BLOCK)
        )
        both = per.copy()  # each block with its two neighbours
        both[:, 1:] += per[:, :-1]
        both[:, :-1] += per[:, 1:]
        active = np.flatnonzero(both[0] > GATE_RATIO * (both[1] + 3e-15)).tolist()
        if not active:
            return []
        spans: list[tuple[int, int]] = []
        lo = prev = active[0]
        for i in [*active[1:], 1 << 62]:
            if i - prev > 2 * GATE_MARGIN:
                a, b = (lo - GATE_MARGIN) * GATE_BLOCK, (prev + GATE_MARGIN + 1) * GATE_BLOCK
                spans.append((max(0, a), min(x.size, b)))
                lo = i
            prev = i
        return spans

    def _run(self) -> list[UartByte]:
        x, base, spb = self._buf, self._base, self._spb
        out: list[UartByte] = []
        nxt = max(0, self._next - base)
        spans = self._active_spans(x)
        active = (spans[0][0], spans[-1][1]) if spans else None
        if active is not None:
            self._gate_end = base + active[1] - GATE_MARGIN * GATE_BLOCK
        # edges are only tried inside the gate's spans or while a burst's characters continue
        self._search_from = [base + lo for lo, _ in spans]
        self._search_to = [base + hi + int(16 * spb) for _, hi in spans]
        # inside a burst the gate dips on alternating bits: keep framing after the last
        # character while the gate was open near it or characters keep coming back to back
        recent = self._last_end > base + nxt - 16 * spb
        gated = self._gate_end > self._last_end - 32 * spb or self._chain >= CHAIN
        in_burst = recent and gated
        lo = hi = -1
        if in_burst:
            lo, hi = max(0, nxt - 8), min(x.size, int(self._last_end - base + 16 * spb))
        if active is not None and active[1] > nxt:
            lo = max(active[0], nxt - 8) if lo < 0 else lo
            hi = max(hi, min(x.size, active[1] + int(16 * spb)))
        if lo < 0 or hi <= lo:
            nxt = max(nxt, x.size - 4 * GATE_BLOCK)
        else:
            nxt = lo + self._uart(x[lo:hi], base + lo, max(0, nxt - lo), out, hi == x.size)
        self._next = base + nxt
        keep_from = max(0, min(nxt - 64, x.size - 10 * GATE_BLOCK))
        self._buf = x[keep_from:]
        self._base = base + keep_from
        return out

    def _uart(self, x: np.ndarray, base: int, nxt: int, out: list[UartByte], more: bool) -> int:
        """Frame characters in x (absolute index `base`); return where the search stopped."""
        idx = (base + np.arange(x.size)) % RATE
        cm = np.concatenate(([0j], np.cumsum(x * self._tab_m[idx])))
        cs = np.concatenate(([0j], np.cumsum(x * self._tab_s[idx])))
        lw = EDGE_WINDOW
        dm, ds = cm[lw:] - cm[:-lw], cs[lw:] - cs[:-lw]
        mark = (dm.real**2 + dm.imag**2) >= (ds.real**2 + ds.imag**2)
        edges = np.flatnonzero(mark[:-1] & ~mark[1:]) + 1
        spb, half = self._spb, lw / 2
        limit = x.size - 12 * spb - 4  # _char reads up to bit 11 plus the timing search
        k = int(np.searchsorted(edges, nxt))
        while True:
            pred = self._last_end - base
            run = self._batch(cm, cs, pred, base, limit) if nxt <= pred + 2 else []
            for start, end, value, quality in run:
                idle = (base + start - self._last_end) / spb
                self._chain += 1
                out.append(UartByte(base + int(start), base + int(end), value, idle, quality))
                self._last_end = base + end
            if run:
                nxt = int(self._last_end - base - 0.5 * spb - half)
                k = int(np.searchsorted(edges, nxt))
                continue
            got = (
                self._char(cm, cs, pred, base, self._offs_pred)
                if nxt <= pred + 2 and pred < limit
                else None
            )
            if got is None:
                if k >= edges.size:
                    return (
                        max(nxt, x.size - 16) if not more else max(nxt, x.size - 16 - int(11 * spb))
                    )
                n = int(edges[k])
                if n + half >= limit:
                    return n
                ahead = self._skip_to(base + n)
                if ahead is not None:
                    k = int(np.searchsorted(edges, ahead - base))
                    nxt = n + 1
                    continue
                got = None
                bits_on = (n + half - pred) / spb
                if 0.5 < bits_on < MAX_STOP_BITS:
                    # after a few stop bits the bit clock still runs: snap the edge to it
                    got = self._char(cm, cs, pred + round(bits_on) * spb, base, self._offs_pred)
                if got is None and self._start_bit_plausible(cm, cs, n + half):
                    got = self._char(cm, cs, n + half, base, self._offs_edge)
                if got is None:
                    k += 1
                    nxt = n + 1
                    continue
            start, end, value, quality = got
            idle = (base + start - self._last_end) / spb
            self._chain = self._chain + 1 if idle < MAX_STOP_BITS else 1
            if self._chain == 1:  # a new burst: its transmitter's clock is not known yet
                self._period, self._clock_bits = self._spb, 0.0
            out.append(UartByte(base + int(start), base + int(end), value, idle, quality))
            self._last_end = base + end
            nxt = int(end - 0.5 * spb - half)
            k = int(np.searchsorted(edges, nxt))

    def _skip_to(self, at: int) -> int | None:
        """None when an edge at `at` is worth a search, else where the next gate span starts."""
        if at < self._last_end + FOLLOW_BITS * self._spb:
            return None
        i = bisect_right(self._search_from, at)
        if i and at < self._search_to[i - 1]:
            return None
        return self._search_from[i] if i < len(self._search_from) else 1 << 62

    def _start_bit_plausible(self, cm: np.ndarray, cs: np.ndarray, e: float) -> bool:
        """Cheap screen before the full search: the start bit must not be clearly mark."""
        lo, hi = round(e), round(e + self._spb)
        if lo < 0 or hi >= cm.size:
            return True
        a, b = cm[hi] - cm[lo], cs[hi] - cs[lo]
        return bool(abs(a) ** 2 < 2.0 * abs(b) ** 2)

    def _char(
        self, cm: np.ndarray, cs: np.ndarray, e: float, base: int, offs: np.ndarray
    ) -> tuple[float, float, int, float] | None:
        """Best-timed 10-bit character starting near e: (start, end, value, quality) or None."""
        pos = e + offs
        bounds = np.rint(pos).astype(int)
        if bounds[0, 0] < 0 or bounds[-1, -1] >= cm.size:
            return None
        gm, gs = cm[bounds], cs[bounds]
        a, b = gm[:, 1:] - gm[:, :-1], gs[:, 1:] - gs[:, :-1]
        em, es = a.real**2 + a.imag**2, b.real**2 + b.imag**2
        score = (em - es) / (em + es + 1e-15)
        best = int(np.argmax(np.abs(score[:, 1:11]).sum(axis=1)))
        row = score[best, 1:11]
        if np.abs(row).min() < self._sure:
            row = self._three_bit(a[best], b[best], (base % RATE) + pos[best])
        if row[0] > 0 or row[9] <= 0:
            return None
        bits = row[1:9] > 0
        value = int(np.dot(bits, 1 << np.arange(8)))
        return float(pos[best, 1]), float(pos[best, 11]), value, float(np.abs(row).min())

    def _three_bit(self, a: np.ndarray, b: np.ndarray, at: np.ndarray) -> np.ndarray:
        """Soft decisions for n bits from phase-continuous 3-bit templates.

        a, b: mark/space integrals for bits -1..n; at: the n + 3 bit boundaries (absolute).
        """
        n = a.size - 2
        step = np.empty((3, n + 1), complex)  # phase step at a boundary: same, s->m, m->s
        step[0] = 1.0
        step[2] = np.exp(-1j * self._dw * at[1:-1])
        step[1] = step[2].conj()
        c = np.empty((2, n + 2), complex)
        c[0], c[1] = b, a
        v = c[_P0, :n] + step[_S01, :n] * (c[_P1, 1 : n + 1] + step[_S12, 1:] * c[_P2, 2:])
        m = v.real**2 + v.imag**2
        one, zero = m[4:].max(axis=0), m[:4].max(axis=0)
        return np.asarray((one - zero) / (one + zero + 1e-15))

    def _batch(
        self, cm: np.ndarray, cs: np.ndarray, e: float, base: int, limit: float
    ) -> list[tuple[float, float, int, float]]:
        """Back-to-back characters from e on, one bit clock for all: decoded in one pass."""
        spb = self._spb
        count = min(BATCH, int((limit - e) / (10 * spb)))
        if count < 2:
            return []
        nbits = 10 * count
        offs = self._batch_offs
        periods = np.array([self._period]) if self._clock_bits else self._spb * FIRST_CLOCKS
        ticks = np.arange(-1, nbits + 2)
        pos = (e + offs[None, :, None] + ticks * periods[:, None, None]).reshape(-1, ticks.size)
        bounds = np.rint(pos).astype(int)
        if bounds[0, 0] < 0 or bounds[-1, -1] >= cm.size:
            return []
        gm, gs = cm[bounds], cs[bounds]
        a, b = gm[:, 1:] - gm[:, :-1], gs[:, 1:] - gs[:, :-1]
        em, es = a.real**2 + a.imag**2, b.real**2 + b.imag**2
        score = (em - es) / (em + es + 1e-15)
        fit = np.abs(score[:, 1 : nbits + 1]).sum(axis=1)
        best = int(np.argmax(fit))
        if len(periods) > 1:  # the nominal clock unless another fits clearly better
            nominal = NOMINAL * offs.size + int(np.argmax(fit[NOMINAL * offs.size :][: offs.size]))
            if fit[best] < fit[nominal] * (1 + FIRST_MARGIN):
                best = nominal
        row = score[best, 1 : nbits + 1]
        if row[: MAX_STOP_BITS + 1].min() > self._sure:
            return []  # marks only: the burst is over or idle
        if np.abs(row).min() < self._sure:
            row = self._three_bit(
                a[best, : nbits + 2], b[best, : nbits + 2], (base % RATE) + pos[best, : nbits + 3]
            )
        chars = self._walk(row.tolist(), pos[best, 1:].tolist())
        if chars:
            self._period = float(periods[best // offs.size])
            self._follow_clock(float(offs[best % offs.size]), (chars[-1][1] - e) / self._period)
        return chars

    def _follow_clock(self, offset: float, bits: float) -> None:
        """Move the batch bit period by the timing this batch had to correct."""
        if self._clock_bits > 0:
            period = self._period + CLOCK_GAIN * offset / self._clock_bits
            lo, hi = self._spb * (1 - MAX_CLOCK_ERROR), self._spb * (1 + MAX_CLOCK_ERROR)
            self._period = min(hi, max(lo, period))
        self._clock_bits = bits

    def _walk(self, row: list[float], at: list[float]) -> list[tuple[float, float, int, float]]:
        """Characters along one bit clock: idle mark bits skipped, stop at a framing error."""
        out: list[tuple[float, float, int, float]] = []
        i = idle = 0
        while i + 10 <= len(row):
            if row[i] > 0:
                idle += 1
                if idle > MAX_STOP_BITS:
                    break
                i += 1
                continue
            if row[i + 9] <= 0:
                break
            value = sum(1 << k for k in range(8) if row[i + 1 + k] > 0)
            quality = min(abs(v) for v in row[i : i + 10])
            out.append((at[i], at[i + 10], value, quality))
            i += 10
            idle = 0
        return out


# The eight (previous, this, next) bit patterns, "this" bit major; _STEP maps a tone change.
_P1, _P0, _P2 = (
    np.array(v)
    for v in zip(*[(p1, p0, p2) for p1 in (0, 1) for p0 in (0, 1) for p2 in (0, 1)], strict=True)
)
_STEP = np.array([[0, 1], [2, 0]])
_S01, _S12 = _STEP[_P0, _P1], _STEP[_P1, _P2]


@lru_cache(maxsize=8)
def _tables(mode: FskMode) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mixing phasors for one second (the phase repeats) and the gate's block basis."""
    n = np.arange(RATE)
    tab_m = np.exp(-2j * np.pi * mode.mark_hz * n / RATE)
    tab_s = np.exp(-2j * np.pi * mode.space_hz * n / RATE)
    i = np.arange(GATE_BLOCK)
    cols = [
        f(2 * np.pi * hz * i / RATE)
        for hz in (mode.mark_hz, mode.space_hz)
        for f in (np.cos, np.sin)
    ]
    return tab_m, tab_s, np.stack(cols, axis=1)
