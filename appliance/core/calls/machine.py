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
    ToneEvent,
)

MISSED_AFTER_RINGS = 4  # a line without hook events: fewer rings, then silence: answered
CALL_TIMEOUT_S = 3600.0  # an answered call whose end the line never reports is closed after
# a voice modem reports an extension (another phone on the line) lifted or put down
EXTENSION_TONES = {"extension_offhook": True, "extension_onhook": False}


@dataclass(frozen=True)
class LineRules:
    """How one line's calls are judged beside its ring timeout (each [[lines]] entry of
    ringdesk.toml sets its own).

    `hook_events`: the line reports off-hook and on-hook (a handset lifted anywhere on it).
    Without them, ringing that stops after fewer than `missed_after_rings` rings, with no
    desk claim, counts as answered on another phone; that many rings or more is missed."""

    hook_events: bool = True
    missed_after_rings: int = MISSED_AFTER_RINGS
    call_timeout_s: float = CALL_TIMEOUT_S


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
    # missed: the line cannot tell and the rule says a phone took it (answered elsewhere)
    assumed_answered: bool = False
    # ended: "hangup" (the line said so), "superseded" (a new call began on the line),
    # "timeout" (no end reported within call_timeout_s)
    why: str = ""
    # answered: told after the ringing stopped (the call was judged missed meanwhile)
    late: bool = False


@dataclass
class LineCallMachine:
    """Tracks the call on one line; feed events and clock ticks, collect Transitions."""

    line: str
    ring_timeout_s: float  # this line's own, from its configuration
    rules: LineRules = field(default_factory=LineRules)
    state: CallState = CallState.IDLE
    rings: int = 0
    caller: CallerId | None = None
    call_key: int = 0
    last_ring_at: datetime | None = None
    answered_at: datetime | None = None
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
        if isinstance(event, ToneEvent) and event.tone in EXTENSION_TONES:
            lifted = EXTENSION_TONES[event.tone]
            return self._on_off_hook(event) if lifted else self._on_on_hook(event, False)
        return []

    def tick(self, now: datetime) -> list[Transition]:
        """Advance the clock: ringing with no ring for ring_timeout_s stops (missed, or
        answered elsewhere by the line's rule); an answered call past call_timeout_s ends."""
        if (
            self.state is CallState.RINGING
            and self.last_ring_at is not None
            and (now - self.last_ring_at).total_seconds() >= self.ring_timeout_s
        ):
            return self._missed(now)
        if (
            self.state is CallState.ANSWERED
            and self.answered_at is not None
            and (now - self.answered_at).total_seconds() >= self.rules.call_timeout_s
        ):
            return self._ended(now, why="timeout")
        return []

    def settled(self, call_key: int, answered: bool, at: datetime) -> None:
        """The store judged the stopped call `call_key`: answered (a desk claimed it) keeps
        it in progress on the line until its end; anything else leaves the line free."""
        if call_key == self.call_key and self.state is CallState.MISSED and answered:
            self.state, self.answered_at = CallState.ANSWERED, at

    def ended_elsewhere(self, call_key: int) -> None:
        """Call `call_key` was ended by a desk: the line is free (no transition)."""
        if call_key == self.call_key and not self._closed():
            self.state = CallState.ENDED

    def _ended(self, at: datetime, *, why: str, remote: bool = False) -> list[Transition]:
        self.state = CallState.ENDED
        t = Transition("ended", self.line, at, self.call_key, caller=self.caller, rings=self.rings)
        t.remote_hangup, t.why = remote, why
        return [t]

    def _supersede(self, at: datetime) -> list[Transition]:
        """A new call on the line: the one in progress there is over (one call per line)."""
        return self._ended(at, why="superseded") if self.state is CallState.ANSWERED else []

    def _begin(self, at: datetime) -> Transition:
        self.call_key = self._next_key
        self._next_key += 1
        self.state = CallState.RINGING
        self.rings = 0
        self.caller = None
        self.answered_at = None
        self.outbound = False
        return Transition("started", self.line, at, self.call_key)

    def _closed(self) -> bool:
        return self.state in (CallState.IDLE, CallState.MISSED, CallState.ENDED)

    def _on_ring(self, event: Ring) -> list[Transition]:
        out = self._supersede(event.at)
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
        if self.state is CallState.ANSWERED and (event.number or event.reason):
            if self.caller is not None and event == self.caller:
                return out
            out = self._supersede(event.at)  # a new caller while one was in progress
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

    def _on_off_hook(self, event: LineEvent) -> list[Transition]:
        if isinstance(event, OffHook) and event.late and self._stopped_unclaimed():
            # the gateway says now that the call that stopped ringing had been picked up
            self.state, self.answered_at = CallState.ANSWERED, event.at
            t = Transition("answered", self.line, event.at, self.call_key, caller=self.caller)
            t.rings, t.late = self.rings, True
            return [t]
        if self.state is CallState.RINGING:
            self.state, self.answered_at = CallState.ANSWERED, event.at
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

    def _on_on_hook(self, event: LineEvent, remote: bool | None = None) -> list[Transition]:
        if self.state is CallState.ANSWERED:
            far_end = remote if remote is not None else isinstance(event, OnHook) and event.remote
            return self._ended(event.at, why="hangup", remote=far_end)
        if self.state is CallState.RINGING:
            return self._missed(event.at)
        return []

    def _on_dial(self, event: DialResult) -> list[Transition]:
        if event.result.upper() in ("CONNECT", "OK", "VCON") and self._closed():
            started = self._begin(event.at)
            self.outbound = True
            self.state, self.answered_at = CallState.ANSWERED, event.at
            return [started, Transition("answered", self.line, event.at, self.call_key)]
        return []

    def _stopped_unclaimed(self) -> bool:
        """The line's last call stopped ringing and was judged missed (no new ring since)."""
        return self.state is CallState.MISSED

    def _missed(self, at: datetime) -> list[Transition]:
        """Ringing stopped with no pickup reported: missed, unless the line cannot report a
        pickup and it stopped within the rule's rings (then: answered on another phone)."""
        if self.state is not CallState.RINGING:
            return []
        self.state = CallState.MISSED
        t = Transition("missed", self.line, at, self.call_key, caller=self.caller, rings=self.rings)
        t.assumed_answered = (
            not self.rules.hook_events and self.rings < self.rules.missed_after_rings
        )
        return [t]
