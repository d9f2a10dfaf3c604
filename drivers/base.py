"""Line events, line commands, the CallerId value and the LineDriver protocol."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

# A line's ring timeout when its configuration names none: no ring for this long ends the
# ringing (~6 s between bursts in Japan and the US; no modem says "ringing stopped").
RING_TIMEOUT_S = 7.0


class Reason(enum.Enum):
    """Why a caller-ID number is absent (codes as sent on the line)."""

    WITHHELD = "P"  # private / 非通知
    PAYPHONE = "C"  # 公衆電話
    OUT_OF_AREA = "O"  # 表示圏外
    SERVICE = "S"  # service conflict / 表示圏外 (NTT)
    ERROR = "E"  # receive error / 受信エラー


class Standard(enum.Enum):
    """Which caller-ID signalling produced an event."""

    BELL202_SDMF = "sdmf"
    BELL202_MDMF = "mdmf"
    ETSI_FSK = "etsi"
    V23_BELLCORE = "aclip"
    NTT_JCLIP = "jclip"
    DTMF = "dtmf"
    MODEM_TEXT = "modem"
    FIRMWARE = "firmware"
    SIMULATED = "simulated"


class Direction(enum.Enum):
    """Call direction."""

    INBOUND = "in"
    OUTBOUND = "out"


@dataclass(frozen=True, slots=True)
class LineEvent:
    """Base of everything a driver reports; `line` names the physical line (e.g. "line1")."""

    line: str
    at: datetime = field(default_factory=datetime.now, compare=False)


@dataclass(frozen=True, slots=True)
class Ring(LineEvent):
    """One ring (or CAR burst) seen; `count` is the ring number within this call."""

    count: int = 1
    cadence_ms: tuple[int, ...] = ()
    car: bool = False


@dataclass(frozen=True, slots=True)
class CallerId(LineEvent):
    """Caller identity as delivered; number/name are None when withheld or absent."""

    number: str | None = None
    name: str | None = None
    reason: Reason | None = None
    name_reason: Reason | None = None
    when: str | None = None  # MMDDhhmm as sent, if sent
    standard: Standard = Standard.MODEM_TEXT
    raw: tuple[str, ...] = ()
    fields: tuple[tuple[int, bytes], ...] = ()  # message field code/value pairs, if decoded
    direction: Direction = Direction.INBOUND


@dataclass(frozen=True, slots=True)
class RingingStopped(LineEvent):
    """No ring for the ring timeout: the caller gave up or another phone answered."""

    rings: int = 0


@dataclass(frozen=True, slots=True)
class OffHook(LineEvent):
    """The line was answered (by us or an extension); `late`: told only after the ringing
    stopped (a gateway that reports the pickup at hang-up), the pickup being at `at`."""

    late: bool = False


@dataclass(frozen=True, slots=True)
class OnHook(LineEvent):
    """The call ended; `remote` is True when the far end hung up (busy/silence detected)."""

    remote: bool = False


@dataclass(frozen=True, slots=True)
class Dtmf(LineEvent):
    """One DTMF digit heard on the line."""

    digit: str = ""


@dataclass(frozen=True, slots=True)
class ToneEvent(LineEvent):
    """A progress tone or condition: busy, dialtone, silence, quiet, ringback, fax, ..."""

    tone: str = ""


@dataclass(frozen=True, slots=True)
class AudioFrame(LineEvent):
    """A block of line audio: signed 16-bit little-endian mono PCM at `rate` Hz."""

    pcm: bytes = b""
    rate: int = 8000


@dataclass(frozen=True, slots=True)
class DialResult(LineEvent):
    """Outcome of an outbound dial: CONNECT, BUSY, NO CARRIER, NO DIALTONE, NO ANSWER, ..."""

    result: str = ""
    number: str = ""


@dataclass(frozen=True, slots=True)
class DeviceStatus(LineEvent):
    """Driver health: connected / reconnecting / failed, with a human-readable detail."""

    state: str = "connected"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Unparsed(LineEvent):
    """Input the driver could not decode, kept raw so nothing is lost."""

    raw: bytes = b""
    why: str = ""


@dataclass(frozen=True, slots=True)
class LineCommand:
    """Base of commands the box sends to a driver."""

    line: str


@dataclass(frozen=True, slots=True)
class Answer(LineCommand):
    """Take the line off hook."""


@dataclass(frozen=True, slots=True)
class HangUp(LineCommand):
    """Put the line on hook."""


@dataclass(frozen=True, slots=True)
class Dial(LineCommand):
    """Dial a number out."""

    number: str = ""


@dataclass(frozen=True, slots=True)
class Play(LineCommand):
    """Play 16-bit mono PCM (at `rate` Hz) to the line while off hook."""

    pcm: bytes = b""
    rate: int = 8000


@dataclass(frozen=True, slots=True)
class Record(LineCommand):
    """Start (`on=True`) or stop streaming line audio as AudioFrame events."""

    on: bool = True


@runtime_checkable
class LineDriver(Protocol):
    """A device on one or more phone lines, seen as a stream of LineEvents."""

    name: str

    async def start(self) -> None:
        """Open the device and begin reporting; returns once started (reconnects on its own)."""

    async def stop(self) -> None:
        """Release the device; the event stream ends."""

    def events(self) -> AsyncIterator[LineEvent]:
        """Async iterator over events, in order, until stop()."""
        ...

    async def send(self, command: LineCommand) -> None:
        """Carry out a command; raises NotImplementedError if the device cannot."""
