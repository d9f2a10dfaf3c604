"""Request bodies are bounded per route: a body over its route's limit is refused with 413
before the app reads it into memory (a declared length at once, a chunked body as it comes)."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KIB = 1024
DEFAULT_LIMIT = 1024 * KIB  # every JSON body of the API fits (lists in the models are bounded)
ROUTE_LIMITS = {  # unpaired peers reach these: a certificate PEM and a SPAKE2 message at most
    "/pair/start": 16 * KIB,
    "/pair/finish": 4 * KIB,
    "/login": 4 * KIB,
    "/unlock": 4 * KIB,
    "/bizcards/scan": 20 * 1024 * KIB,  # a business card photographed by a phone
    "/transfer/preview": 64 * 1024 * KIB,  # a customer file to import (manager and up)
    "/transfer/import": 64 * 1024 * KIB,
}


class BodyLimit:
    """ASGI middleware: 413 (and the connection closed) for a body over its route's limit."""

    def __init__(
        self, app: ASGIApp, limits: dict[str, int] | None = None, default: int = DEFAULT_LIMIT
    ) -> None:
        self.app, self.default = app, default
        self.limits = ROUTE_LIMITS if limits is None else limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, or read a chunked body up to the limit, then serve."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await _too_large(limit)(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        held: list[Message] = []
        size, more = 0, True
        while more:  # no declared length: at most `limit` bytes are held before the app runs
            message = await receive()
            held.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                await _too_large(limit)(scope, receive, send)
                return
            more = bool(message.get("more_body", False))

        async def replay() -> Message:
            return held.pop(0) if held else await receive()

        await self.app(scope, replay, send)


def _too_large(limit: int) -> JSONResponse:
    detail = f"本文が大きすぎます / request body too large (limit {limit} bytes)"
    return JSONResponse({"detail": detail}, 413, headers={"connection": "close"})
