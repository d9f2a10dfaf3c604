"""Which certificate each TLS connection presented, carried in the ASGI scope of its requests.

uvicorn does not put the peer certificate in the scope. Each connection's protocol wraps the
app so that every request and WebSocket on that connection carries the fingerprint its TLS
transport verified: identity comes from the transport, never from an address or a header."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_impl import WebSocketProtocol

from appliance.contract.identity import peer_fingerprint

PEER = "ringdesk.peer_fingerprint"  # scope key: the connection's verified certificate, or None
SOCKETS: dict[tuple[str, int], WebSocketProtocol] = {}  # open event WebSockets, for whole frames


class WithPeer:
    """The app, with one connection's certificate fingerprint set in every scope it serves."""

    def __init__(self, app: ASGIApp, fp: str | None) -> None:
        self.app, self.fp = app, fp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Set (overwrite) the scope's peer, then serve."""
        scope[PEER] = self.fp
        await self.app(scope, receive, send)


def _peer_app(app: Any, transport: asyncio.BaseTransport) -> WithPeer:
    base = app.app if isinstance(app, WithPeer) else app
    return WithPeer(base, peer_fingerprint(transport.get_extra_info("ssl_object")))


class PeerH11(H11Protocol):
    """h11 protocol whose requests carry the connection's peer certificate fingerprint."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Bind the fingerprint to this connection, then behave as usual."""
        super().connection_made(transport)  # type: ignore[arg-type]
        self.app = _peer_app(self.app, transport)


class PeerWebSocket(WebSocketProtocol):
    """WebSocket protocol whose scope carries the fingerprint of the connection it upgraded."""

    def connection_made(self, transport: Any) -> None:
        """Bind the fingerprint, then behave as usual."""
        super().connection_made(transport)
        self.app = _peer_app(self.app, transport)  # type: ignore[assignment]  # same ASGI app
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


def fingerprint_of(scope: Any) -> str | None:
    """The fingerprint of the certificate the request's TLS connection presented, or None.

    Takes the ASGI scope (or a Request / WebSocket); a scope no TLS connection served has none."""
    scope = getattr(scope, "scope", scope)
    fp = scope.get(PEER) if isinstance(scope, dict) else None
    return fp if isinstance(fp, str) else None
