"""The desk's event stream: one WebSocket, resumed with since=<last seq>, with backoff."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import websockets
from pydantic import ValidationError

from appliance.contract import Event


@dataclass(frozen=True)
class LinkState:
    """The stream went up (connected=True) or down (with why, and the next retry delay)."""

    connected: bool
    why: str = ""
    retry_in: float = 0.0


class EventStream:
    """Async iterator of Event and LinkState; never ends on a network error, only on close()."""

    def __init__(
        self,
        url: str,
        ssl_context: ssl.SSLContext,
        *,
        token: Callable[[], str | None] = lambda: None,
        since: int | None = None,
        backoff_s: float = 0.2,
        backoff_max_s: float = 5.0,
        open_timeout_s: float = 5.0,
    ) -> None:
        self.url, self.ssl = url, ssl_context
        self.token = token
        self.last_seq = since
        self.backoff_s, self.backoff_max_s = backoff_s, backoff_max_s
        self.open_timeout_s = open_timeout_s
        self._closed = False
        self._ws: websockets.ClientConnection | None = None

    async def close(self) -> None:
        """Stop: the iterator ends after the current connection closes."""
        self._closed = True
        if self._ws is not None:
            await self._ws.close()

    @property
    def closed(self) -> bool:
        """True once close() was called."""
        return self._closed

    def _target(self) -> str:
        return self.url if self.last_seq is None else f"{self.url}?since={self.last_seq}"

    async def __aiter__(self) -> AsyncIterator[Event | LinkState]:
        delay = self.backoff_s
        while not self._closed:
            token = self.token()
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            try:
                async with websockets.connect(
                    self._target(),
                    ssl=self.ssl,
                    additional_headers=headers,
                    open_timeout=self.open_timeout_s,
                    max_size=2**22,
                ) as ws:
                    self._ws = ws
                    yield LinkState(True)
                    delay = self.backoff_s
                    async for raw in ws:
                        try:
                            event = Event.model_validate_json(raw)
                        except ValidationError:
                            continue  # a frame we cannot read is not worth the stream
                        self.last_seq = event.seq
                        yield event
                why = "closed by the box / 箱が接続を閉じました"
            except (OSError, TimeoutError, ssl.SSLError, websockets.WebSocketException) as exc:
                why = f"{type(exc).__name__}: {exc}"
            finally:
                self._ws = None
            if self.closed:
                return
            yield LinkState(False, why, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.backoff_max_s)
