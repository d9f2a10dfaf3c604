"""Sans-IO AT layer: modem bytes in -> replies, unsolicited lines, DLE events, voice data out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drivers.base import CallerId, Dtmf, LineEvent, ToneEvent, Unparsed
from drivers.lineframe import LineFramer, Overlong
from drivers.modem.cidlines import CidLineParser
from drivers.modem.dle import (
    DLE,
    DleAudio,
    DleDecoder,
    DleDigit,
    DleEnd,
    DleItem,
    DleTone,
    DleUnknown,
    end_of_stream,
    shield,
)

_MAX_LINE = 512
# Final result codes, verbose form; numeric forms (ATV0) map onto them.
FINAL = (
    "OK",
    "CONNECT",
    "NO CARRIER",
    "ERROR",
    "NO DIALTONE",
    "NO DIAL TONE",
    "BUSY",
    "NO ANSWER",
    "VCON",
    "DELAYED",
    "BLACKLISTED",
)
_NUMERIC = {
    "0": "OK",
    "1": "CONNECT",
    "2": "RING",
    "3": "NO CARRIER",
    "4": "ERROR",
    "6": "NO DIALTONE",
    "7": "BUSY",
    "8": "NO ANSWER",
    "9": "RINGING",
}
_RING = re.compile(r"^(?:CID )?RING(?: ?[A-Z0-9]{1,2})?$|^RING;.*$")
_QUERIES = re.compile(r"^AT(?:I|&V|\+GM|\+GC|\+GS)")
_RING_LEAD = re.compile(r"^((?:RING\s+)+)(\S.*=.*)$")
_PROGRESS = re.compile(r"^(?:RINGING|CIDM|DRON=\d+|DROF=\d+)$")
_EXTENDED = re.compile(r"[+#\-!%][^;]*;?")


@dataclass(frozen=True, slots=True)
class Reply:
    """A final result code; `command` is the command it ends (None when unasked)."""

    command: str | None
    result: str
    info: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RingLine:
    """A RING line (`RING`, `RING A`, `RING 2`, `CID RING`)."""

    text: str
    at: float


@dataclass(frozen=True, slots=True)
class Progress:
    """A non-final progress line: RINGING, CIDM, DRON=n / DROF=n (distinctive ring cadence)."""

    text: str


@dataclass(frozen=True, slots=True)
class Echo:
    """The modem echoed a command line back (echo is on)."""

    text: str


@dataclass(frozen=True, slots=True)
class VoiceData:
    """Unshielded voice samples received during +VRX."""

    data: bytes


@dataclass(frozen=True, slots=True)
class StreamEnded:
    """The DCE sent <DLE><ETX>: its voice stream is over."""


AtItem = Reply | RingLine | Progress | Echo | VoiceData | StreamEnded | LineEvent


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


class AtSession:
    """One modem's byte stream: feed `receive(data, now)` and `poll(now)`; write `command()`.

    A caller-ID block ends at its name and number, at the next RING or result code, or after
    `cid_idle_s` without a field line; with `complete_on_number`, already at its number.
    """

    def __init__(
        self, line: str = "line1", *, cid_idle_s: float = 0.25, complete_on_number: bool = False
    ) -> None:
        self.line = line
        self.cid_idle_s = cid_idle_s
        # Japan's Number Display sends no name: the number ends the block, no idle wait
        self.complete_on_number = complete_on_number
        self.verbose = True
        self.receiving = False  # inside +VRX: the DCE sends audio
        self.pending: str | None = None
        self._info: list[str] = []
        self._lines = LineFramer(_MAX_LINE)
        self._dle = DleDecoder()
        self._cid = CidLineParser(line)
        self._cid_at = 0.0
        self._now = 0.0
        self._skip_lf = False

    # -- host -> modem ---------------------------------------------------------------
    def command(self, text: str) -> bytes:
        """Bytes for one command line ("AT..."); it becomes the pending command."""
        text = text.strip()
        self.pending = text
        self._info = []
        basic = _EXTENDED.sub("", text[2:].upper()) if text.upper().startswith("AT") else ""
        if "Z" in basic or "&F" in basic:
            self.verbose = True
        found = re.findall(r"V([01])", basic)
        if found:
            self.verbose = found[-1] == "1"
        return text.encode("ascii", "replace") + b"\r"

    def voice(self, audio: bytes) -> bytes:
        """Audio for +VTX, DLE-shielded."""
        return shield(audio)

    def end_playback(self) -> bytes:
        """<DLE><ETX> after the last audio; the modem answers OK once drained."""
        self.pending = "<DLE><ETX>"
        self._info = []
        return end_of_stream()

    def abort_receive(self, code: bytes = b"!") -> bytes:
        """<DLE>! (or a chipset's own code) ending +VRX; the modem ends its stream, then OK."""
        self.pending = "<DLE>" + code.decode("ascii", "replace")
        self._info = []
        return bytes((DLE,)) + code

    # -- modem -> host ---------------------------------------------------------------
    def receive(self, data: bytes, now: float) -> list[AtItem]:
        """Items completed by `data` (any split); never raises."""
        self._now = now
        out: list[AtItem] = []
        i, n = 0, len(data)
        while i < n:
            if self._skip_lf:
                self._skip_lf = False
                if data[i] == 0x0A:  # the LF of "CONNECT<CR><LF>" before the voice data
                    i += 1
                    continue
            if self.receiving or self._dle.mid_escape:
                # in command mode only the one byte after a split <DLE> is an escape
                items, used = self._dle.decode(data[i:] if self.receiving else data[i : i + 1])
                i += used
                out += self._dle_items(items)
                continue
            j = data.find(DLE, i)
            end = n if j < 0 else j
            used = self._text(data[i:end], out)
            if used < end - i:
                i += used  # a CONNECT to +VRX: the rest is voice data
                continue
            if j < 0:
                break
            items, used = self._dle.decode(data[j : j + 2])
            i = j + max(used, 1)
            out += self._dle_items(items)
        return out

    def poll(self, now: float) -> list[AtItem]:
        """Caller-ID blocks completed by silence (no field line for `cid_idle_s`)."""
        self._now = now
        if self._cid.pending and now - self._cid_at >= self.cid_idle_s:
            return list(self._cid.flush())
        return []

    def flush(self) -> list[AtItem]:
        """Everything still pending at the end of input (port closed)."""
        out: list[AtItem] = list(self._cid.flush())
        rest = self._lines.take()
        if rest:
            out.append(Unparsed(self.line, raw=rest, why="incomplete line at close"))
        return out

    def _dle_items(self, items: list[DleItem]) -> list[AtItem]:
        out: list[AtItem] = []
        for item in items:
            if isinstance(item, DleAudio):
                if self.receiving:
                    out.append(VoiceData(item.data))
                else:
                    out.append(Unparsed(self.line, raw=b"\x10\x10", why="data DLE in command mode"))
            elif isinstance(item, DleDigit):
                out.append(Dtmf(self.line, digit=item.digit))
            elif isinstance(item, DleTone):
                out.append(ToneEvent(self.line, tone=item.tone))
            elif isinstance(item, DleEnd):
                self.receiving = False
                out.append(StreamEnded())
            elif isinstance(item, DleUnknown):
                out.append(Unparsed(self.line, raw=item.raw, why="unknown <DLE> code"))
        return out

    def _text(self, chunk: bytes, out: list[AtItem]) -> int:
        """Assemble lines from `chunk`; returns bytes used (fewer once +VRX data begins)."""
        i, n = 0, len(chunk)
        while i < n:
            item, i = self._lines.step(chunk, i)
            if item is None:
                return n
            if isinstance(item, Overlong):
                out.append(Unparsed(self.line, raw=item.head, why="line over 512 bytes: dropped"))
                continue
            out += self._line(item)
            if self.receiving:
                self._skip_lf = chunk[i - 1] == 0x0D
                return i
        return n

    def _line(self, raw: bytes) -> list[AtItem]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        s = text.strip()
        if not s:
            return []
        out: list[AtItem] = []
        if self.pending is not None and _normal(s) == _normal(self.pending):
            return [Echo(s)]
        if s in _NUMERIC and (not self.verbose or self._answers_nothing()):
            # the modem is in numeric mode after all (ATV0 stored, a stale session)
            self.verbose = False
            s = _NUMERIC[s]
        if _RING.match(s):
            return [*self._cid.flush(), RingLine(s, self._now)]
        lead = _RING_LEAD.match(s)
        if lead:  # "RING RING DATE=0224 NAME=..." (MisterHouse capture): rings, then fields
            rings = [RingLine("RING", self._now) for _ in lead.group(1).split()]
            return [*self._cid.flush(), *rings, *self._line(lead.group(2).encode("utf-8"))]
        result = self._final(s)
        if result is not None:
            out += self._cid.flush()
            if result == "CONNECT" and self.pending is not None and "+VRX" in self.pending.upper():
                self.receiving = True
                self._dle.reset()
            out.append(Reply(self.pending, result, tuple(self._info)))
            self.pending, self._info = None, []
            return out
        if _PROGRESS.match(s):
            return [Progress(s)]
        if self.pending is not None and not CidLineParser.recognises(s):
            self._info.append(s)
            return []
        if self.pending is None and s.upper().startswith("AT"):
            return [Echo(s)]
        events = self._cid.feed_line(raw[:_MAX_LINE])
        self._cid_at = self._now
        if self._cid.complete or (self.complete_on_number and self._cid.has_number):
            events += self._cid.flush()
        return list(events)

    def _answers_nothing(self) -> bool:
        """True when the pending command prints no information lines, only a result."""
        pending = (self.pending or "").upper().replace(" ", "")
        return pending.startswith("AT") and "?" not in pending and _QUERIES.match(pending) is None

    @staticmethod
    def _final(s: str) -> str | None:
        upper = s.upper()
        for code in FINAL:
            if upper == code or (code == "CONNECT" and upper.startswith("CONNECT ")):
                return "NO DIALTONE" if code == "NO DIAL TONE" else code
        if upper.startswith(("+CME ERROR", "+CMS ERROR")):
            return "ERROR"
        return None


def caller_ids(items: list[AtItem]) -> list[CallerId]:
    """The CallerId events among `items`."""
    return [i for i in items if isinstance(i, CallerId)]
