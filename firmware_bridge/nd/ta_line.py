"""Sans-IO parser for the ISDN TA's `RING_ANALOG_<caller>/<subaddr>` lines (8N1, CR LF)."""

from __future__ import annotations

import re

from drivers.base import CallerId, LineEvent, Ring, Standard, Unparsed
from drivers.lineframe import LineFramer, Overlong

_RING = re.compile(r"^RING_ANALOG_?([0-9*#]*)(?:/(\S*))?.*$")
MAX_LINE = 256


class TaLineParser:
    """Turns each RING_ANALOG line into Ring + CallerId; other lines are kept as Unparsed."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._framer = LineFramer(MAX_LINE)

    def feed(self, data: bytes) -> list[LineEvent]:
        """Consume bytes; return events for each complete line (an overlong one is dropped)."""
        events: list[LineEvent] = []
        for item in self._framer.feed(data):
            if isinstance(item, Overlong):
                why = "line too long: dropped up to its end"
                events.append(Unparsed(self.line, raw=item.head, why=why))
            else:
                events.extend(self._line(item))
        return events

    def _line(self, raw: bytes) -> list[LineEvent]:
        text = raw.decode("ascii", errors="replace").strip()
        match = _RING.match(text)
        if match is None:
            if text in ("", "OK"):
                return []
            return [Unparsed(self.line, raw=raw, why="ISDN TA line is not RING_ANALOG_...")]
        number = match.group(1) or None
        return [
            Ring(self.line, count=1),
            CallerId(self.line, number=number, standard=Standard.FIRMWARE, raw=(text,)),
        ]
