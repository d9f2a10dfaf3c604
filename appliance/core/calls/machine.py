"""Sans-IO call state machine for one line: LineEvents in, call transitions out."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime

from drivers.base import (
    CallerId,
    DialResult,
    LineEvent,
    OffHook,
    OnHook,
    Ring,
    RingingStopped,
)


class CallState(enum.Enum):
    """Where a call on one line stands."""

    IDLE = "idle"
    RINGING = "ringing"
    ANSWERED = "answered"
    MISSED = "missed"
    ENDED = "ended"


@dataclass
class Transition:
    """One change the outside world must act on (write a row, push an event)."""

    kind: str  # "started" | "identified" | "ring" | "answered" | "missed" | "ended"
    line: str
    at: datetime
    call_key: int
    caller: CallerId | None = None
    rings: int = 0
    remote_hangup: bool = False


@dataclass
class LineCallMachine:
    """Tracks the call on one line; feed events and clock ticks, collect Transitions."""

    line: str
    ring_timeout_s: float  # this line's own, from its configuration
    state: CallState = CallState.IDLE
    rings: int = 0
    caller: CallerId | None = None
    call_key: int = 0
    last_ring_at: datetime | None = None
    outbound: bool = False
    _next_key: int = field(default=1, repr=False)

    def feed(self, event: LineEvent) -> list[Transition]:
        """Apply one driver event; returns the transitions it causes (possibly none)."""
        if event.line != self.line:
            return []
        if isinstance(event, Ring):
            return self._on_ring(event)
        if isinstance(event, CallerId):
            return self._on_caller_id(event)
        if isinstance(event, OffHook):
            return self._on_off_hook(event)
        if isinstance(event, OnHook):
            return self._on_on_hook(event)
        if isinstance(event, RingingStopped):
            return self._missed(event.at)
        if isinstance(event, DialResult):
            return self._on_dial(event)
        return []

    def tick(self, now: datetime) -> list[Transition]:
        """Advance the clock: ringing with no ring for ring_timeout_s becomes missed."""
        if (
            self.state is CallState.RINGING
            and self.last_ring_at is not None
            and (now - self.last_ring_at).total_seconds() >= self.ring_timeout_s
        ):
            return self._missed(now)
        return []

    def _begin(self, at: datetime) -> Transition:
        self.call_key = self._next_key
        self._next_key += 1
        self.state = CallState.RINGING
        self.rings = 0
        self.caller = None
        self.outbound = False
        return Transition("started", self.line, at, self.call_key)

    def _closed(self) -> bool:
        return self.state in (CallState.IDLE, CallState.MISSED, CallState.ENDED)

    def _on_ring(self, event: Ring) -> list[Transition]:
        out: list[Transition] = []
        if self._closed():
            out.append(self._begin(event.at))
        if self.state is not CallState.RINGING:
            return out
        self.rings += 1
        self.last_ring_at = event.at
        out.append(Transition("ring", self.line, event.at, self.call_key, rings=self.rings))
        return out

    def _on_caller_id(self, event: CallerId) -> list[Transition]:
        out: list[Transition] = []
        if self._closed():
            # Caller ID before the first ring (ETSI, Japan after CAR): the call starts here.
            out.append(self._begin(event.at))
            self.last_ring_at = event.at
        if self.caller is not None and self.caller == event:
            return out
        if self.caller is not None and self.caller.number and not event.number:
            # a later part of the same caller ID (a name after the number): one caller, merged
            if not event.name or event.name == self.caller.name:
                return out
            event = replace(self.caller, name=event.name, raw=self.caller.raw + event.raw)
        self.caller = event
        out.append(Transition("identified", self.line, event.at, self.call_key, caller=event))
        return out

    def _on_off_hook(self, event: OffHook) -> list[Transition]:
        if self.state is CallState.RINGING:
            self.state = CallState.ANSWERED
            return [
                Transition(
                    "answered",
                    self.line,
                    event.at,
                    self.call_key,
                    caller=self.caller,
                    rings=self.rings,
                )
            ]
        return []

    def _on_on_hook(self, event: OnHook) -> list[Transition]:
        if self.state is CallState.ANSWERED:
            self.state = CallState.ENDED
            return [
                Transition(
                    "ended",
                    self.line,
                    event.at,
                    self.call_key,
                    caller=self.caller,
                    rings=self.rings,
                    remote_hangup=event.remote,
                )
            ]
        if self.state is CallState.RINGING:
            return self._missed(event.at)
        return []

    def _on_dial(self, event: DialResult) -> list[Transition]:
        if event.result.upper() in ("CONNECT", "OK", "VCON") and self._closed():
            started = self._begin(event.at)
            self.outbound = True
            self.state = CallState.ANSWERED
            return [started, Transition("answered", self.line, event.at, self.call_key)]
        return []

    def _missed(self, at: datetime) -> list[Transition]:
        if self.state is not CallState.RINGING:
            return []
        self.state = CallState.MISSED
        return [
            Transition("missed", self.line, at, self.call_key, caller=self.caller, rings=self.rings)
        ]
