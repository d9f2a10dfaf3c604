"""WhozzTranslator: per-line state that turns Whozz records into drivers.base line events."""

from __future__ import annotations

from collections.abc import Callable

from drivers.base import (
    CallerId,
    Direction,
    LineEvent,
    OffHook,
    OnHook,
    Ring,
    RingingStopped,
    Standard,
    ToneEvent,
    Unparsed,
)
from drivers.reserved import name_field, number_field
from firmware_bridge.whozz.records import CallRecord, DetailRecord, parse_record


def default_line_name(unit: int, line: int) -> str:
    """`wc<unit>-<line>`, e.g. wc35193-01."""
    return f"wc{unit}-{line:02d}"


class WhozzTranslator:
    """Keeps ring counts and open calls per line; several units are told apart by unit number."""

    def __init__(self, line_name: Callable[[int, int], str] = default_line_name) -> None:
        self.line_name = line_name
        self._rings: dict[str, int] = {}
        self._open: dict[str, str] = {}  # line -> number announced by a start record
        self._hung_up: set[str] = set()  # lines whose on-hook detail came before the end record
        self._answered: set[str] = set()  # lines off hook in the current call

    def record(self, unit: int, text: str) -> list[LineEvent]:
        """Events for one record text from `unit` (0 for a serial unit)."""
        parsed = parse_record(text)
        if parsed is None:
            if not text.strip():
                return []
            raw = text.encode("latin-1", "replace")
            return [Unparsed(self.line_name(unit, 0), raw=raw, why="not a Whozz Calling record")]
        line = self.line_name(unit, parsed.line)
        if isinstance(parsed, DetailRecord):
            return self._detail(line, parsed)
        return self._call(line, parsed)

    def _detail(self, line: str, rec: DetailRecord) -> list[LineEvent]:
        if rec.kind == "R":
            self._rings[line] = self._rings.get(line, 0) + 1
            return [Ring(line, count=self._rings[line])]
        if rec.kind == "F":
            self._rings.pop(line, None)
            self._answered.add(line)
            return [OffHook(line)]
        if rec.kind == "N":
            self._rings.pop(line, None)
            self._hung_up.add(line)
            return [OnHook(line)]
        return [ToneEvent(line, tone="flash")]

    def _call(self, line: str, rec: CallRecord) -> list[LineEvent]:
        events: list[LineEvent] = []
        if rec.start or self._open.get(line) != rec.number:
            events.append(self._caller_id(line, rec))
            if not rec.inbound and line not in self._answered:
                # an outbound call is ours from the start: the line is in use
                self._answered.add(line)
                events.append(OffHook(line))
        if rec.start:
            self._open[line] = rec.number
            self._hung_up.discard(line)
            return events
        self._open.pop(line, None)
        rings = self._rings.pop(line, rec.ring_count or 0)
        if rec.duration_s == 0 and rec.inbound:
            events.append(RingingStopped(line, rings=rings))
        else:
            # without detail records the end record is the only sign the call was answered
            if line not in self._answered:
                events.append(OffHook(line))
            if line not in self._hung_up:
                events.append(OnHook(line))
        self._answered.discard(line)
        self._hung_up.discard(line)
        return events

    def _caller_id(self, line: str, rec: CallRecord) -> CallerId:
        number, reason = number_field(rec.number)
        name, name_reason = name_field(rec.name)
        return CallerId(
            line,
            number=number.replace("-", "") if number else None,
            name=name,
            reason=reason,
            name_reason=name_reason,
            when=rec.date.replace("/", "").zfill(4) + rec.time.replace(":", "")[:4],
            standard=Standard.FIRMWARE,
            raw=(rec.text, "checksum=" + ("good" if rec.checksum_good else "BAD")),
            direction=Direction.INBOUND if rec.inbound else Direction.OUTBOUND,
        )
