"""Sans-IO ring tracking: ring count and cadence, end of ringing by timeout (no modem says so)."""

from __future__ import annotations

import re

from drivers.base import RING_TIMEOUT_S, Ring, RingingStopped


class RingTracker:
    """Counts RING lines of one call; `poll(now)` reports RingingStopped after `timeout_s`."""

    def __init__(self, line: str, timeout_s: float = RING_TIMEOUT_S) -> None:
        self.line = line
        self.timeout_s = timeout_s
        self.count = 0
        self._last = 0.0
        self._cadence: list[int] = []  # DRON/DROF (distinctive ring) in ms, since the last ring

    def ring(self, now: float) -> Ring:
        """A RING line arrived at `now`."""
        if self.count and now - self._last >= self.timeout_s:
            self.count = 0  # a new call: the last one stopped ringing unnoticed
        cadence: tuple[int, ...]
        if self._cadence:
            cadence = tuple(self._cadence)
        elif self.count:
            cadence = (round((now - self._last) * 1000),)
        else:
            cadence = ()
        self.count += 1
        self._last = now
        self._cadence = []
        return Ring(self.line, count=self.count, cadence_ms=cadence)

    def cadence_line(self, text: str) -> None:
        """A DRON=n / DROF=n line (units of 100 ms) describing the ring pattern."""
        m = re.match(r"^DRO[NF]=(\d+)$", text)
        if m:
            self._cadence.append(int(m.group(1)) * 100)

    def poll(self, now: float) -> RingingStopped | None:
        """RingingStopped once no ring came for `timeout_s`; then the count starts over."""
        if self.count and now - self._last >= self.timeout_s:
            rings, self.count = self.count, 0
            return RingingStopped(self.line, rings=rings)
        return None

    def answered(self) -> None:
        """The call was answered: ringing is over without a RingingStopped."""
        self.count = 0
        self._cadence = []
