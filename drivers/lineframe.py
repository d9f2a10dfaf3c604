"""Sans-IO line framer: bytes in any split, whole lines out; an overlong line is dropped whole.

Every text input (NCID, modem, Whozz Calling, ISDN TA) frames through this one class so no
parser ever sees the tail of a line that passed its limit as a line of its own: after the
limit, everything up to the next line end is discarded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Overlong:
    """A line longer than the limit: its first `limit` bytes; the rest was discarded unread."""

    head: bytes


Framed = bytes | Overlong


class LineFramer:
    """Splits at any byte of `ends`; empty lines are skipped; a line over `limit` is Overlong."""

    def __init__(self, limit: int, ends: bytes = b"\r\n") -> None:
        self.limit = limit
        self._end = re.compile(b"[" + re.escape(ends) + b"]")
        self._buf = bytearray()
        self._dropping = False

    @property
    def dropping(self) -> bool:
        """True while the rest of an overlong line is being discarded."""
        return self._dropping

    def feed(self, data: bytes) -> list[Framed]:
        """Every line (or Overlong) completed by `data`, in order."""
        out: list[Framed] = []
        i = 0
        while i < len(data):
            item, i = self.step(data, i)
            if item is not None:
                out.append(item)
        return out

    def step(self, data: bytes, start: int) -> tuple[Framed | None, int]:
        """The first line (or Overlong) completed in data[start:] and the index just after it.

        With nothing completed, (None, len(data)): all of it was taken in.
        """
        n = len(data)
        i = start
        while i < n:
            m = self._end.search(data, i)
            j = n if m is None else m.start()
            if self._dropping:
                if m is None:
                    return None, n
                self._dropping = False
                i = j + 1
                continue
            room = self.limit - len(self._buf)
            if j - i > room:
                head = bytes(self._buf) + data[i : i + room]
                self._buf.clear()
                self._dropping = m is None
                return Overlong(head), n if m is None else j + 1
            self._buf += data[i:j]
            if m is None:
                return None, n
            i = j + 1
            if self._buf:
                line = bytes(self._buf)
                self._buf.clear()
                return line, i
        return None, n

    def take(self) -> bytes:
        """The incomplete line held so far (at close); the framer starts afresh."""
        line = bytes(self._buf)
        self._buf.clear()
        self._dropping = False
        return line
