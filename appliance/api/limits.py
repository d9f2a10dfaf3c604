"""Connection limits uvicorn lacks: a TLS handshake deadline, request-head and request-body
deadlines, and a per-host cap on connections that have not shown a pinned certificate.

Every accepted TCP connection meets a Doorman first: over its host's cap it waits, unread, for
a place (a burst of paired desks reconnecting at once is served, not refused), and past the
host's queue it is dropped before any TLS work; then TLS starts with a handshake deadline, and
only then does the HTTP protocol (GuardedH11) take the connection, with its own deadlines for a
head and a body."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any

import h11

from appliance.api.peers import PeerH11
from appliance.contract.identity import peer_fingerprint

log = logging.getLogger(__name__)

QUEUE_POLL_S = 0.02  # how often a queued connection looks for a place under its host's cap


@dataclass(frozen=True)
class ConnLimits:
    """Deadlines and caps for the box's API connections (tests shrink them)."""

    handshake_timeout_s: float = 10.0  # TCP accepted -> TLS handshake done
    header_timeout_s: float = 10.0  # connection ready, or last response sent -> full request head
    body_timeout_s: float = 15.0  # longest silence while a request body is arriving
    shutdown_timeout_s: float = 5.0  # TLS close_notify answered, or the socket is dropped
    unauthenticated_per_host: int = 16  # open connections without a pinned certificate
    queued_per_host: int = 64  # connections over the cap waiting (up to a handshake deadline)


def conn_limits(values: dict[str, float]) -> ConnLimits:
    """ConnLimits from ringdesk.toml's [api] values (defaults for what is not given)."""
    base = ConnLimits()
    cap = values.get("unauthenticated_per_host", base.unauthenticated_per_host)
    queue = values.get("queued_per_host", base.queued_per_host)
    return replace(
        base,
        **{k: float(v) for k, v in values.items() if k.endswith("_s")},
        unauthenticated_per_host=int(cap),
        queued_per_host=int(queue),
    )


class HostGate:
    """Per host, the open connections that have not (yet) shown a pinned certificate."""

    def __init__(self, cap: int, queue: int = 0) -> None:
        self.cap, self.queue = cap, queue
        self._open: dict[str, set[asyncio.BaseTransport]] = {}
        self._waiting: dict[str, int] = {}

    def may_wait(self, host: str) -> bool:
        """True (and counted) when `host` has room in its queue of connections over the cap."""
        if self._waiting.get(host, 0) >= self.queue:
            return False
        self._waiting[host] = self._waiting.get(host, 0) + 1
        return True

    def done_waiting(self, host: str) -> None:
        """A queued connection of `host` left the queue (admitted or closed)."""
        left = self._waiting.get(host, 1) - 1
        if left:
            self._waiting[host] = left
        else:
            self._waiting.pop(host, None)

    def admit(self, host: str, transport: asyncio.BaseTransport) -> bool:
        """Count a new connection in; False when its host is at the cap (closed ones drop out)."""
        live = {t for t in self._open.get(host, ()) if not t.is_closing()}
        if len(live) >= self.cap:
            self._open[host] = live
            return False
        live.add(transport)
        self._open[host] = live
        return True

    def vouch(self, host: str, transport: asyncio.BaseTransport) -> None:
        """The connection showed a pinned certificate: it no longer counts against its host."""
        live = self._open.get(host)
        if live is not None:
            live.discard(transport)
            if not live:
                del self._open[host]

    def unauthenticated(self, host: str) -> int:
        """Open connections from `host` without a pinned certificate."""
        return sum(1 for t in self._open.get(host, ()) if not t.is_closing())


class Handoff(asyncio.Protocol):
    """Holds what arrives between the end of the TLS handshake and the HTTP protocol."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.eof = False
        self.lost = False

    def data_received(self, data: bytes) -> None:
        """Keep it for the HTTP protocol."""
        self.chunks.append(data)

    def eof_received(self) -> bool:
        """Keep the transport open: the HTTP protocol decides."""
        self.eof = True
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        """Gone before the hand-over."""
        self.lost = True

    def hand_over(self, transport: asyncio.Transport, protocol: asyncio.Protocol) -> None:
        """Give the connection, and anything already received, to `protocol`."""
        transport.set_protocol(protocol)
        protocol.connection_made(transport)
        for chunk in self.chunks:
            protocol.data_received(chunk)
        if self.eof:
            protocol.eof_received()


class Doorman(asyncio.Protocol):
    """First protocol on an accepted TCP connection: host cap, then TLS, then HTTP."""

    def __init__(self, door: Door) -> None:
        self.door = door

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Pause reading; start TLS, or queue over the host's cap, or drop past its queue."""
        peer = transport.get_extra_info("peername")
        host = str(peer[0]) if peer else ""
        gate = self.door.gate
        if gate.admit(host, transport):
            transport.pause_reading()  # type: ignore[attr-defined]
            self.door.spawn(self._tls(transport, host))  # type: ignore[arg-type]
        elif gate.may_wait(host):
            transport.pause_reading()  # type: ignore[attr-defined]
            self.door.spawn(self._queued(transport, host))  # type: ignore[arg-type]
        else:
            self.door.say("connection refused: host at its cap of unauthenticated connections")
            transport.abort()  # type: ignore[attr-defined]

    async def _queued(self, raw: asyncio.Transport, host: str) -> None:
        door = self.door
        loop = asyncio.get_running_loop()
        deadline = loop.time() + door.limits.handshake_timeout_s
        try:
            while not door.gate.admit(host, raw):
                if raw.is_closing() or loop.time() >= deadline:
                    door.say("connection closed: no place for it within the handshake deadline")
                    raw.abort()
                    return
                await asyncio.sleep(QUEUE_POLL_S)
        finally:
            door.gate.done_waiting(host)
        await self._tls(raw, host)

    async def _tls(self, raw: asyncio.Transport, host: str) -> None:
        door, hold = self.door, Handoff()
        try:
            tls = await asyncio.get_running_loop().start_tls(
                raw,
                hold,
                door.ssl,
                server_side=True,
                ssl_handshake_timeout=door.limits.handshake_timeout_s,
                ssl_shutdown_timeout=door.limits.shutdown_timeout_s,
            )
        except (OSError, ssl.SSLError, TimeoutError, EOFError) as exc:
            door.say(f"TLS handshake failed: {type(exc).__name__}")
            raw.abort()
            return
        if tls is None or hold.lost:
            raw.abort()
            return
        fp = peer_fingerprint(tls.get_extra_info("ssl_object"))
        if fp is not None and door.pinned(fp):
            door.gate.vouch(host, raw)
        hold.hand_over(tls, door.make_http())


@dataclass
class Door:
    """What the Doormen of one server share: TLS context, limits, gate and the HTTP factory."""

    ssl: ssl.SSLContext
    limits: ConnLimits
    pinned: Callable[[str], bool]
    make_http: Callable[[], asyncio.Protocol]
    gate: HostGate
    tasks: set[asyncio.Task[None]]

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run a handshake; keep a reference until it ends."""
        task = asyncio.get_running_loop().create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def say(self, what: str) -> None:
        """A refusal, at debug level (a flood must not flood the log)."""
        log.debug("%s", what)


class GuardedH11(PeerH11):
    """PeerH11 with deadlines: a full request head within header_timeout_s of the connection
    (or of the last response), and no silence over body_timeout_s while a body arrives."""

    limits = ConnLimits()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start the clock, then behave as usual."""
        super().connection_made(transport)
        now = self.loop.time()
        self._waiting_since, self._heard_at = now, now
        self._guard: asyncio.TimerHandle | None = None
        self._watch()

    def data_received(self, data: bytes) -> None:
        """Note the time, then behave as usual."""
        self._heard_at = self.loop.time()
        super().data_received(data)

    def on_response_complete(self) -> None:
        """The next request head is due header_timeout_s from now."""
        self._waiting_since = self.loop.time()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop watching, then behave as usual."""
        if self._guard is not None:
            self._guard.cancel()
        super().connection_lost(exc)

    def _watch(self) -> None:
        tick = min(self.limits.header_timeout_s, self.limits.body_timeout_s) / 4
        self._guard = self.loop.call_later(tick, self._check)

    def _check(self) -> None:
        self._guard = None
        if self.transport.is_closing() or self.transport.get_protocol() is not self:
            return  # closed, or handed to the WebSocket protocol
        now, state = self.loop.time(), self.conn.their_state
        late_head = state is h11.IDLE and now - self._waiting_since >= self.limits.header_timeout_s
        silent_body = (
            state is h11.SEND_BODY
            and not self.flow.read_paused
            and now - self._heard_at >= self.limits.body_timeout_s
        )
        if late_head or silent_body:
            log.debug("connection closed: %s", "no request head" if late_head else "body stalled")
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True
            self.transport.abort()
            return
        self._watch()


def guarded_h11(limits: ConnLimits) -> type[GuardedH11]:
    """The HTTP protocol class for a server with these limits."""
    return type("GuardedH11", (GuardedH11,), {"limits": limits})
