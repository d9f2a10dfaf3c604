"""Sans-IO NCID client: server lines in, line events (and lines to send back) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from drivers.base import (
    CallerId,
    Direction,
    LineEvent,
    OffHook,
    OnHook,
    Ring,
    RingingStopped,
    Standard,
    Unparsed,
)
from drivers.lineframe import LineFramer, Overlong
from drivers.reserved import name_field, number_field

IDENT = "HELLO: IDENT: client ringdesk 0.1"
NO_LOG = "HELLO: CMD: no_log"  # live calls only; the box keeps its own call history
MAX_LINE = 4096
MAX_LINES_WATCHED = 64
_CALL_LABELS = {"CID", "OUT", "HUP", "BLK", "PID"}
_IGNORED = {"MSG", "NOT", "OPT", "ACK", "MWI", "INFO", "RESP", "WRK", "LOG"}


def parse_fields(text: str) -> dict[str, str]:
    """`*DATE*0310*TIME*1710*...*` -> {"DATE": "0310", ...} (labels upper-cased)."""
    parts = text.strip().strip("*").split("*")
    return {parts[i].upper(): parts[i + 1] for i in range(0, len(parts) - 1, 2)}


@dataclass
class NcidResult:
    """Events for the box and lines to send to the server."""

    events: list[LineEvent] = field(default_factory=list)
    send: list[str] = field(default_factory=list)


class NcidClientParser:
    """Follows the greeting (200/210 .. 300), then maps live call lines to events."""

    def __init__(self, default_line: str = "ncid", line_prefix: str = "ncid-") -> None:
        self.default_line = default_line
        self.line_prefix = line_prefix
        self.server = ""
        self.api = ""
        self.started = False
        self._framer = LineFramer(MAX_LINE)
        self._stopped: dict[str, datetime] = {}  # line -> when its ringing stopped (RING 0)

    def feed(self, data: bytes) -> NcidResult:
        """Consume bytes from the server; CR and/or LF end a line; an overlong line is dropped."""
        out = NcidResult()
        for item in self._framer.feed(data):
            if isinstance(item, Overlong):
                why = "NCID line too long: dropped up to its end"
                out.events.append(Unparsed(self.default_line, raw=item.head, why=why))
            else:
                self._line(item, out)
        return out

    def _line_name(self, fields: dict[str, str]) -> str:
        line = fields.get("LINE", "-")
        return self.default_line if line in ("", "-") else self.line_prefix + line

    def _line(self, raw: bytes, out: NcidResult) -> None:
        text = raw.decode("utf-8", errors="replace")
        if text[:3].isdigit():
            self._status(text, out)
            return
        label, sep, rest = text.partition(":")
        label = label.strip().upper()
        if not sep or label.startswith("+") or label.endswith("LOG") or label in _IGNORED:
            if not sep and not label.startswith("+"):
                why = "not an NCID line (no label)"
                out.events.append(Unparsed(self.default_line, raw=raw, why=why))
            return
        fields = parse_fields(rest)
        if label == "CIDINFO":
            out.events.extend(self._cidinfo(fields, raw))
        elif label in _CALL_LABELS:
            out.events.extend(self._call(label, fields, raw))
        elif label == "END":
            line = self._line_name(fields)
            # HTYPE BYE: hung up after a pickup (answered); CANCEL: before one (missed)
            answered = fields.get("HTYPE", "").strip().upper() == "BYE"
            out.events.extend(
                [*self._picked_up(line), OnHook(line)] if answered else [OnHook(line)]
            )
        else:
            why = f"unknown NCID line type {label}:, ignored"
            out.events.append(Unparsed(self.default_line, raw=raw, why=why))

    def _status(self, text: str, out: NcidResult) -> None:
        code = text[:3]
        if code == "200":
            self.server = text[4:].strip()
            self.started = False
        elif code == "210":
            self.api = text[4:].strip()
            out.send += [IDENT, NO_LOG]
        elif code == "300":
            self.started = True

    def _cidinfo(self, fields: dict[str, str], raw: bytes) -> list[LineEvent]:
        line = self._line_name(fields)
        try:
            ring = int(fields.get("RING", ""))
        except ValueError:
            return [Unparsed(line, raw=raw, why="CIDINFO without a RING count")]
        if ring > 0:
            self._stopped.pop(line, None)
            return [Ring(line, count=ring)]
        if ring == 0:
            stopped = RingingStopped(line)
            if len(self._stopped) >= MAX_LINES_WATCHED:  # a server naming endless lines
                self._stopped.pop(next(iter(self._stopped)))
            self._stopped[line] = stopped.at
            return [stopped]
        if ring == -2:  # hung up after a pickup: the call was answered (on any phone)
            return [*self._picked_up(line), OnHook(line)]
        self._stopped.pop(line, None)
        return [OnHook(line, remote=ring == -1)]

    def _picked_up(self, line: str) -> list[LineEvent]:
        """The pickup told at hang-up: it was when the ringing stopped, if that was seen."""
        stopped = self._stopped.pop(line, None)
        return [OffHook(line, at=stopped, late=True) if stopped else OffHook(line, late=True)]

    def _call(self, label: str, fields: dict[str, str], raw: bytes) -> list[LineEvent]:
        line = self._line_name(fields)
        if "NMBR" not in fields:
            return [Unparsed(line, raw=raw, why=f"{label}: line without NMBR")]
        nmbr = fields["NMBR"].strip()
        number, reason = (None, None) if nmbr.upper() == "RING" else number_field(nmbr)
        name, name_reason = name_field(fields.get("NAME", ""))
        date, time = fields.get("DATE", ""), fields.get("TIME", "")
        event = CallerId(
            line,
            number=number,
            name=name,
            reason=reason,
            name_reason=name_reason,
            when=(date[:4] + time[:4]) if len(date) >= 4 and len(time) >= 4 else None,
            standard=Standard.FIRMWARE,
            raw=(raw.decode("utf-8", errors="replace"),),
            direction=Direction.OUTBOUND if label == "OUT" else Direction.INBOUND,
        )
        if label in ("HUP", "BLK"):
            return [event, OnHook(line)]
        return [event]
