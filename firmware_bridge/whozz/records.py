"""Parse one Whozz Calling text record: comprehensive, limited, memory replay or detail."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIME12 = r"(\d{1,2}:\d\d) (AM|PM)"
_COMPREHENSIVE = re.compile(
    r"^\$?(\d\d) ([IO]) ([SE]) (\d{4}) ([GB]) ([A-D]\d) (\d{1,2}/\d\d) "
    + _TIME12
    + r"(?: +(\S*) *(.*))?$"
)
_MEMORY = re.compile(
    r"^(\d{4}) (\d\d) (\d{1,2}/\d\d) (\d{1,2}:\d\d) ([IO]) ([SE]) (\d{4}) ([GB]) ([A-D]\d)"
    r"(?: +(\S*) *(.*))?$"
)
_LIMITED = re.compile(r"^\$?(\d\d) (\d{1,2}/\d\d) " + _TIME12 + r" +(\S+) ([IO]) *(.*)$")
_DETAIL = re.compile(r"^\$?(\d\d) ([RFNH]) +(\d{1,2}/\d\d) (\d\d:\d\d:\d\d)\s*$")


@dataclass(frozen=True)
class CallRecord:
    """A call's start or end as the unit reports it."""

    line: int
    inbound: bool
    start: bool
    duration_s: int | None
    checksum_good: bool
    ring_type: str | None
    ring_count: int | None
    date: str
    time: str
    number: str
    name: str
    text: str


@dataclass(frozen=True)
class DetailRecord:
    """A line condition: R ring, F off hook, N on hook, H hook flash."""

    line: int
    kind: str
    date: str
    time: str
    text: str


def _to_24h(hhmm: str, ampm: str) -> str:
    hour, minute = hhmm.split(":")
    h = int(hour) % 12 + (12 if ampm == "PM" else 0)
    return f"{h:02d}:{minute}"


def parse_record(text: str) -> CallRecord | DetailRecord | None:
    """Parse one record (line ends and padding stripped); None when it matches no format."""
    text = text.strip("\r\n\x00").rstrip()
    if m := _COMPREHENSIVE.match(text):
        line, io, se, dur, cs, ring, date, hhmm, ampm, number, name = m.groups()
        return CallRecord(
            int(line),
            io == "I",
            se == "S",
            int(dur) if se == "E" else None,
            cs == "G",
            ring[0],
            int(ring[1]),
            date,
            _to_24h(hhmm, ampm),
            number or "",
            (name or "").strip(" _"),
            text,
        )
    if m := _MEMORY.match(text):
        _index, line, date, hhmm, io, se, dur, cs, ring, number, name = m.groups()
        return CallRecord(
            int(line),
            io == "I",
            se == "S",
            int(dur) if se == "E" else None,
            cs == "G",
            ring[0],
            int(ring[1]),
            date,
            hhmm,
            number or "",
            (name or "").strip(" _"),
            text,
        )
    if m := _LIMITED.match(text):
        line, date, hhmm, ampm, number, io, name = m.groups()
        return CallRecord(
            int(line),
            io == "I",
            True,
            None,
            True,
            None,
            None,
            date,
            _to_24h(hhmm, ampm),
            number,
            name.strip(" _"),
            text,
        )
    if m := _DETAIL.match(text):
        line, kind, date, hms = m.groups()
        return DetailRecord(int(line), kind, date, hms, text)
    return None
