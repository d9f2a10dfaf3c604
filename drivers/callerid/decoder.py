"""Streaming caller-ID decoder for every standard: PCM chunks in, decoded messages out (sans-IO)."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

import numpy as np

from drivers.callerid.bellcore import SDMF_TYPES, FskMessage, MessageFramer
from drivers.callerid.bursts import BurstWatch
from drivers.callerid.dtmf import DtmfDetector
from drivers.callerid.dtmfclip import DtmfClip, DtmfClipAssembler
from drivers.callerid.fsk import BELL202, V23, FskDemodulator, UartByte
from drivers.callerid.jclip import JclipFramer
from drivers.callerid.message import Decoded

RATE = 8000
STANDARDS = ("auto", "class", "clip", "aclip", "jclip", "dtmf")
DEDUPE_S = 0.3
HISTORY = RATE * 4


class _FskChain:
    """One demodulator with the framers that read its bytes."""

    def __init__(self, bell202: bool, bellcore: str | None, jclip: bool) -> None:
        self.demod = FskDemodulator(BELL202 if bell202 else V23)
        self.bellcore = bellcore  # standard label for Bellcore/ETSI frames, None: not read
        self.framer = MessageFramer() if bellcore else None
        self.jclip = JclipFramer() if jclip else None
        self.burst = BurstWatch("class" if bell202 else "clip")

    def feed(self, x: np.ndarray, final: bool) -> list[Decoded]:
        out: list[Decoded] = []
        for ch in self.demod.feed(x, final):
            out += self._byte(ch)
        now = self.demod.position
        if self.framer is not None:
            held = self.framer.tick(now)
            if held is not None:
                out.append(self._bellcore_msg(held))
        err = self.burst.tick(now, final)
        if err is not None:
            out.append(err)
        return out

    def _byte(self, ch: UartByte) -> list[Decoded]:
        out: list[Decoded] = []
        err = self.burst.byte(ch)
        if err is not None:
            out.append(err)
        if self.framer is not None:
            msg = self.framer.feed(ch.value, ch.at)
            if msg is not None:
                out.append(self._bellcore_msg(msg))
        if self.jclip is not None:
            jm = self.jclip.feed(ch.value, ch.at, ch.start)
            if jm is not None:
                out.append(
                    Decoded("jclip", jm.start_sample, jm.end_sample, f"0x{jm.type:02X}", jm.fields)
                )
        for d in out:
            if not d.errors:
                self.burst.decoded()
        return out

    def _bellcore_msg(self, msg: FskMessage) -> Decoded:
        label = self.bellcore or "class"
        if label == "v23":
            label = "aclip" if msg.type in SDMF_TYPES else "clip"
        start, quality = self.burst.message_span(msg.length)
        return Decoded(
            label, start, msg.end_sample, f"0x{msg.type:02X}", msg.fields, quality=quality
        )


class CallerIdDecoder:
    """Every demodulator and message layer the standard needs, run over the same stream."""

    def __init__(self, standard: str = "auto", rate: int = RATE) -> None:
        if standard not in STANDARDS:
            raise ValueError(f"unsupported standard {standard!r}; choose one of {list(STANDARDS)}")
        if rate != RATE:
            raise ValueError(f"the decoder runs at {RATE} Hz; resample first (got {rate})")
        self.rate = rate
        self.standard = standard
        self._chains: list[_FskChain] = []
        if standard in ("auto", "class"):
            self._chains.append(_FskChain(True, "class", False))
        if standard in ("auto", "clip", "aclip", "jclip"):
            label = {"clip": "clip", "aclip": "aclip"}.get(standard, "v23")
            bellcore = None if standard == "jclip" else label
            self._chains.append(_FskChain(False, bellcore, standard in ("auto", "jclip")))
        self._dtmf = DtmfDetector() if standard in ("auto", "dtmf") else None
        self._clip = DtmfClipAssembler()
        self._recent: list[Decoded] = []
        # recent chunks (auto only), to tell Bell 202 from V.23; joined only when a message asks
        self._history: deque[np.ndarray] = deque()
        self._held = 0  # samples in _history
        self._n = 0

    def feed_pcm16(self, pcm: bytes, final: bool = False) -> list[Decoded]:
        """Feed signed 16-bit little-endian mono PCM and return new messages."""
        return self.feed(np.frombuffer(pcm, dtype="<i2").astype(float) / 32768.0, final)

    def flush(self) -> list[Decoded]:
        """End of stream: judge whatever is still open."""
        return self.feed(np.zeros(RATE), final=True)

    def feed(self, samples: np.ndarray, final: bool = False) -> list[Decoded]:
        """Feed float samples (full scale 1.0); return messages completed within them."""
        x = np.asarray(samples, dtype=float)
        self._n += x.size
        if self.standard == "auto":
            self._history.append(x)
            self._held += x.size
            while self._held - self._history[0].size >= HISTORY:
                self._held -= self._history.popleft().size
        found: list[Decoded] = []
        for chain in self._chains:
            found += chain.feed(x, final)
        if self._dtmf is not None:
            for digit in self._dtmf.feed(x):
                found += [self._dtmf_msg(m) for m in self._clip.feed(digit)]
            found += [self._dtmf_msg(m) for m in self._clip.tick(self._n)]
        found.sort(key=lambda d: d.end_sample)
        if self.standard == "auto":
            found = [self._label_by_mark_tone(d) for d in found]
        return self._dedupe(found)

    def _label_by_mark_tone(self, d: Decoded) -> Decoded:
        """Bell 202 or V.23: measured on the mark run just before the message (1200 / 1300 Hz)."""
        if d.standard not in ("class", "clip", "aclip"):
            return d
        kept = min(self._held, HISTORY)
        first = self._n - kept
        lo, hi = d.start_sample - 400 - first, d.start_sample - 40 - first
        if lo < 0 or hi > kept:
            return d
        seg = np.concatenate(self._history)[self._held - kept :][lo:hi]
        t = np.arange(seg.size) / RATE
        bell, v23 = (abs(np.dot(seg, np.exp(-2j * np.pi * hz * t))) for hz in (1200.0, 1300.0))
        if bell > v23:
            return replace(d, standard="class")
        sdmf = not d.errors and int(d.type, 16) in SDMF_TYPES
        return replace(d, standard="aclip" if sdmf else "clip")

    @staticmethod
    def _dtmf_msg(m: DtmfClip) -> Decoded:
        return Decoded("dtmf", m.start_sample, m.end_sample, m.type, m.fields, m.errors, m.raw)

    def _dedupe(self, found: list[Decoded]) -> list[Decoded]:
        # Bell 202 and V.23 matched filters both hear either tone pair: one burst gives one
        # message, and no "received with errors" beside a good message.
        kept: list[Decoded] = []
        for d in found:
            pool = [*self._recent, *kept]
            if any(
                _overlap(r, d) and not r.errors and (d.errors or r.key() == d.key()) for r in pool
            ):
                continue
            if d.errors and any(r.errors and _overlap(r, d) for r in pool):
                continue
            if not d.errors:
                kept = [k for k in kept if not (k.errors and _overlap(k, d))]
            kept.append(d)
        self._recent = [*self._recent, *kept][-8:]
        return kept


def _overlap(a: Decoded, b: Decoded) -> bool:
    slack = int(DEDUPE_S * RATE)
    return a.start_sample - slack < b.end_sample and b.start_sample - slack < a.end_sample


def decode_samples(x: np.ndarray, standard: str = "auto", chunk: int = 0) -> list[Decoded]:
    """Decode a whole signal (float, 8 kHz), fed in chunks of `chunk` samples (0: at once)."""
    dec = CallerIdDecoder(standard)
    out: list[Decoded] = []
    size = chunk or max(1, x.size)
    for i in range(0, x.size, size):
        out += dec.feed(x[i : i + size])
    return out + dec.flush()
