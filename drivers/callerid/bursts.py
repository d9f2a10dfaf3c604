"""FSK burst bookkeeping: where messages start, and bursts that ended without a valid one."""

from __future__ import annotations

from drivers.callerid.fsk import UartByte
from drivers.callerid.message import Decoded

RATE = 8000
BURST_GAP = int(RATE * 0.3)  # no character for this long ends a burst
MAX_IDLE_BITS = 12.0  # more mark bits than this between characters starts a new burst
MIN_DATA_BYTES = 8  # characters (beyond the seizure pattern) that make a burst caller ID
MIN_QUALITY = 0.3  # mean character quality a real burst shows even at 6 dB
SEIZURE = frozenset({0x55, 0xAA, 0xD5, 0x2A})


class BurstWatch:
    """Follow the characters of one demodulator; report a burst that never became a message."""

    def __init__(self, standard: str) -> None:
        self.standard = standard
        self._bytes: list[UartByte] = []
        self._decoded = False

    def byte(self, ch: UartByte) -> Decoded | None:
        """Add a character; return an error result if it closed a failed burst."""
        err = None
        if self._bytes and (ch.idle_bits > MAX_IDLE_BITS or ch.at - self._bytes[-1].at > BURST_GAP):
            err = self._close()
        self._bytes.append(ch)
        if len(self._bytes) > 400:
            del self._bytes[:100]
        return err

    def decoded(self) -> None:
        """A message came out of the current burst."""
        self._decoded = True

    def message_span(self, nbytes: int) -> tuple[int, float]:
        """Start sample and mean quality of the message made of the last `nbytes` characters."""
        chars = self._bytes[-nbytes:]
        if not chars:
            return 0, 0.0
        return chars[0].start, sum(c.quality for c in chars) / len(chars)

    def tick(self, now: int, final: bool) -> Decoded | None:
        """Note the time; a burst silent for long enough (or at end of stream) is judged."""
        if self._bytes and (final or now - self._bytes[-1].at > BURST_GAP):
            return self._close()
        return None

    def _close(self) -> Decoded | None:
        chars, decoded = self._bytes, self._decoded
        self._bytes, self._decoded = [], False
        data = [c for c in chars if c.value not in SEIZURE]
        if decoded or len(data) < MIN_DATA_BYTES:
            return None
        if sum(c.quality for c in data) / len(data) < MIN_QUALITY:
            return None
        sent = bytes(c.value for c in data)
        seven_bit = bytes(b & 0x7F for b in sent)
        standard = "jclip" if b"\x10\x01" in seven_bit else self.standard  # DLE SOH
        return Decoded(
            standard, data[0].start, chars[-1].at, "", (), errors=True, raw=sent.hex(" ")
        )
