"""A box client that answers from memory, for Pilot tests where a real box adds nothing:
DeskApp takes it through its client factory; events are pushed by the test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot

from appliance.contract import Event
from appliance.contract.identity import make_identity
from tui.app import DeskApp, DeskOptions, build_app
from tui.client.desk_api import DeskApi
from tui.client.errors import ApiError
from tui.client.event_socket import LinkState
from tui.client.keystore import Keystore, PinnedBox
from tui.i18n import Lang

FAKE_BOX = make_identity("fake-box")
Answer = Any | Callable[[Any, dict[str, Any]], Any]  # JSON, or (body, params) -> JSON

ROUTES: dict[tuple[str, str], Answer] = {
    ("POST", "/login"): lambda body, _: {
        "token": "fake-token",
        "username": body["username"],
        "role": "operator",
    },
    ("GET", "/me"): {"desk_id": 1, "desk_name": "受付"},
    ("GET", "/calls"): [],
    ("GET", "/calls/active"): [],
    ("GET", "/tasks"): [],
    ("GET", "/status"): {"locked": False, "lines": [], "warnings": []},
    ("POST", "/logout"): None,
}


def pin_fake_box(keystore: Keystore) -> None:
    """Pair the keystore with the fake box (nothing listens at its address)."""
    box = PinnedBox("fake", "127.0.0.1", 9, FAKE_BOX.fingerprint, FAKE_BOX.cert_pem.decode(), 1)
    keystore.save_pairing(box, b"\1" * 32)


class FakeStream:
    """The event stream of a FakeBox: up at once, then what the test publishes."""

    def __init__(self, queue: asyncio.Queue[Event | LinkState | None]) -> None:
        self.queue = queue
        self.closed = False

    async def close(self) -> None:
        self.closed = True
        self.queue.put_nowait(None)

    async def __aiter__(self) -> AsyncIterator[Event | LinkState]:
        yield LinkState(True)
        while (item := await self.queue.get()) is not None:
            yield item


class FakeBox(DeskApi):
    """DeskApi whose requests are answered by `routes` and recorded in `requests`; a route
    not given is a 404, as the box would say."""

    def __init__(self, keystore: Keystore, *, remember: bool = True) -> None:
        super().__init__(keystore, remember=remember)
        self.routes: dict[tuple[str, str], Answer] = dict(ROUTES)
        self.requests: list[tuple[str, str, Any]] = []
        self._events: asyncio.Queue[Event | LinkState | None] = asyncio.Queue()
        self._seq = 0

    async def request(
        self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        if hasattr(json, "model_dump"):
            json = json.model_dump(mode="json", exclude_unset=True)
        self.requests.append((method, path, json))
        if (method, path) not in self.routes:
            raise ApiError(404, f"not found: {method} {path}")
        answer = self.routes[(method, path)]
        return answer(json, params or {}) if callable(answer) else answer

    def events(self, since: int | None = None, **timing: float) -> Any:
        return FakeStream(self._events)

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        """An event on the desk's stream, as the box would send it."""
        self._seq += 1
        self._events.put_nowait(Event(seq=self._seq, kind=kind, data=data))


@asynccontextmanager
async def fake_desk_app(
    keystore: Keystore,
    *,
    user: str = "tanaka",
    size: tuple[int, int] = (140, 45),
    lang: Lang = "ja",
    clock: Callable[[], float] | None = None,
) -> AsyncIterator[tuple[DeskApp, Pilot[int], FakeBox]]:
    """A logged-in desk app on a FakeBox, its event stream up (desk_app without a box)."""
    from tests.tui.conftest import FakeClock, until

    pin_fake_box(keystore)
    made: list[FakeBox] = []

    def factory(ks: Keystore, *, remember: bool = True) -> FakeBox:
        made.append(FakeBox(ks, remember=remember))
        return made[-1]

    options = DeskOptions(user=user, password="pw")
    app = build_app(
        keystore, options, lang=lang, clock=clock or FakeClock(), client_factory=factory
    )
    async with app.run_test(size=size) as pilot:
        await until(lambda: app.state.user is not None and app.state.connected)
        await pilot.pause()
        yield app, pilot, made[-1]
