"""What the API holds of the running box, in typed parts: the desks it trusts, their event
streams, and the hooks the box lends it. Routes and the server import this, never each other."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from appliance.contract import Event, PopOut
from appliance.contract.identity import Identity
from appliance.core.access.desk_logins import DeskLogins
from appliance.core.access.pairing import PairingDesk
from appliance.core.access.sessions import SessionPolicy
from appliance.core.events import EventHub
from appliance.core.running import OpenStore
from appliance.printing.queue import PrintQueue
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.jobs import TranscriptionRunner

IssueSecret = Callable[[str], Awaitable[bytes]]
OnRevoke = Callable[[int, str, str], Awaitable[None] | None]  # desk id, name, fingerprint


class BoxControl(Protocol):
    """What the running box offers the box routes (appliance.service.Box)."""

    @property
    def locked(self) -> bool:
        """True while the store is closed."""
        ...

    def status(self) -> dict[str, Any]:
        """Lock state, lines and warnings."""
        ...

    async def unlock_with_desk(self, secret: bytes) -> int:
        """Open the store with a desk slot secret; returns the merged inbox records."""
        ...


class RecordingControl(Protocol):
    """What the recording routes need from the running box (appliance.service.Box fits)."""

    @property
    def recordings(self) -> RecordingStore | None:
        """The encrypted recordings; None until the box records."""
        ...

    @property
    def transcriber(self) -> TranscriptionRunner | None:
        """The transcription queue, for its job states; None without one."""
        ...


@dataclass
class BoxHooks:
    """What the running box lends the API; only issue_secret is needed to serve pairing."""

    issue_secret: IssueSecret  # the vault's VaultSession.add_desk(name)
    desk_name_taken: Callable[[str], bool] | None = None  # the vault: a slot has this name
    on_revoke: OnRevoke | None = None  # the box forgets the desk's pin and drops its slot
    control: BoxControl | None = None  # status and desk-assisted unlock
    recordings: RecordingControl | None = None
    current_pop: Callable[[int], PopOut | None] | None = None  # the router's live pop
    call_ended: Callable[[int], None] | None = None  # a desk ended a call: the line forgets it
    printing: PrintQueue | None = None  # the print queue: submit a Slip, reprint, list jobs


@dataclass
class TrustedDesks:
    """The desks whose certificates the box pins, and pairings under way."""

    pinned: dict[str, int] = field(default_factory=dict)  # fingerprint -> desk id
    pems: list[bytes] = field(default_factory=list)  # for the TLS context at start
    on_pin: list[Callable[[bytes], None]] = field(default_factory=list)
    pending: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # attempt -> name, PEM
    unsaved: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # paired while locked

    def pin(self, fp: str, desk_id: int, pem: bytes) -> None:
        """Trust a desk from now on: the TLS context and every on_pin hook hear of it."""
        self.pinned[fp] = desk_id
        self.pems.append(pem)
        for hook in self.on_pin:
            hook(pem)


@dataclass
class StreamAccess:
    """Whether an event stream carries a live session (customer data) or only the raw caller
    ID and box health; a logout on its desk and a periodic check take the session away."""

    token: str | None
    session: bool = False


@dataclass
class DeskStreams:
    """The open event WebSockets, by desk fingerprint, each with its access."""

    by_desk: dict[str, set[asyncio.Queue[Event | None]]] = field(default_factory=dict)
    access: dict[asyncio.Queue[Event | None], StreamAccess] = field(default_factory=dict)

    def add(self, fp: str, queue: asyncio.Queue[Event | None], access: StreamAccess) -> None:
        """A desk's WebSocket opened."""
        self.by_desk.setdefault(fp, set()).add(queue)
        self.access[queue] = access

    def discard(self, fp: str, queue: asyncio.Queue[Event | None]) -> None:
        """A desk's WebSocket closed."""
        self.by_desk.get(fp, set()).discard(queue)
        self.access.pop(queue, None)

    def logged_out(self, fp: str, token: str) -> None:
        """The session `token` ended on this desk: its streams carry no customer data now."""
        for queue in self.by_desk.get(fp, set()):
            access = self.access.get(queue)
            if access is not None and access.token == token:
                access.session = False

    def close(self, fp: str) -> None:
        """End every open event WebSocket of the desk with this fingerprint (it was revoked)."""
        for queue in self.by_desk.pop(fp, set()):
            queue.put_nowait(None)


@dataclass
class ApiState:
    """Everything the API needs from the rest of the box."""

    box: Identity
    hooks: BoxHooks
    store: OpenStore | None = None  # None while the box is locked
    hub: EventHub = field(default_factory=EventHub)
    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    desks: TrustedDesks = field(default_factory=TrustedDesks)
    streams: DeskStreams = field(default_factory=DeskStreams)
    desk_logins: DeskLogins = field(default_factory=DeskLogins)
    pairing_ledger: Path | None = None  # the data directory keeping the day's failed guesses
    pairing: PairingDesk = field(init=False)

    def __post_init__(self) -> None:
        self.pairing = PairingDesk(self.box.fingerprint)
