"""Which certificate each TLS connection presented: uvicorn does not put it in the ASGI scope."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_impl import WebSocketProtocol

from appliance.api.certs import peer_fingerprint

Peer = tuple[str, int]
FINGERPRINTS: dict[Peer, str | None] = {}
SOCKETS: dict[Peer, WebSocketProtocol] = {}  # open event WebSockets, for whole-frame writes


def _remember(transport: asyncio.BaseTransport) -> None:
    peer = transport.get_extra_info("peername")
    if peer:
        FINGERPRINTS[(peer[0], peer[1])] = peer_fingerprint(transport.get_extra_info("ssl_object"))


def _forget(transport: asyncio.BaseTransport | None) -> None:
    peer = transport.get_extra_info("peername") if transport is not None else None
    if peer:
        FINGERPRINTS.pop((peer[0], peer[1]), None)


class PeerH11(H11Protocol):
    """h11 protocol that records the peer certificate fingerprint of each connection."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Record, then behave as usual."""
        _remember(transport)
        super().connection_made(transport)  # type: ignore[arg-type]

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget, then behave as usual."""
        _forget(getattr(self, "transport", None))
        super().connection_lost(exc)


class PeerWebSocket(WebSocketProtocol):
    """WebSocket protocol that keeps the record made by the HTTP protocol it upgraded from."""

    def connection_made(self, transport: Any) -> None:
        """Record, then behave as usual."""
        _remember(transport)
        super().connection_made(transport)
        if self.client:
            SOCKETS[(self.client[0], self.client[1])] = self

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the socket, then behave as usual."""
        if self.client:
            SOCKETS.pop((self.client[0], self.client[1]), None)
        super().connection_lost(exc)


def socket_of(client: Any) -> WebSocketProtocol | None:
    """The open WebSocket protocol for an ASGI `client` (host, port), if uvicorn runs one."""
    return SOCKETS.get((client[0], client[1])) if client is not None else None


def fingerprint_of(client: Any) -> str | None:
    """The fingerprint for an ASGI `client` (host, port), None if no certificate."""
    if client is None:
        return None
    return FINGERPRINTS.get((client[0], client[1]))
