"""Serial drivers for a Number Display USB adapter and an ISDN TA data port."""

from __future__ import annotations

from drivers.base import LineEvent
from firmware_bridge.nd.frames import NdFrameParser
from firmware_bridge.nd.ta_line import TaLineParser
from firmware_bridge.serial_driver import SerialLineDriver


class NdAdapterDriver(SerialLineDriver):
    """アロハUSB-type adapter: 9600 baud, parity checked in software, ACK/NAK per frame."""

    def __init__(self, name: str, port: str, line: str, *, retry_s: float = 2.0) -> None:
        super().__init__(name, port, line, retry_s=retry_s)
        self.parser = NdFrameParser(line)

    def received(self, data: bytes, now: float) -> tuple[list[LineEvent], bytes]:
        """Parse adapter bytes; reply ACK or NAK per frame."""
        result = self.parser.feed(data, now)
        return result.events, result.reply

    def disconnected(self) -> list[LineEvent]:
        """Keep a half frame as Unparsed."""
        return self.parser.flush()


class IsdnTaDriver(SerialLineDriver):
    """NTT INSメイト-type TA data port giving RING_ANALOG_<number> lines."""

    def __init__(self, name: str, port: str, line: str, *, retry_s: float = 2.0) -> None:
        super().__init__(name, port, line, retry_s=retry_s)
        self.parser = TaLineParser(line)

    def received(self, data: bytes, now: float) -> tuple[list[LineEvent], bytes]:
        """Parse TA lines; the TA expects no reply."""
        return self.parser.feed(data), b""
