"""A real box API for desk tests: BoxServer over real TLS on loopback, a seeded SQLCipher store."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from appliance.api.server import BoxServer
from appliance.api.state import ApiState, BoxHooks
from appliance.api.tls import pin_desk
from appliance.contract import PopCustomerOut, PopOut
from appliance.contract.identity import make_identity
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.menu import create_product
from appliance.core.seeding import seed
from appliance.core.tasks import create_task
from appliance.core.users import create_user
from appliance.db.store import Store
from tui.app import DeskApp, DeskOptions, build_app
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.guard import describe
from tui.i18n import Lang
from tui.screens.card import CustomerScreen

BOX_IDENTITY = make_identity("ringdesk-box", server_names=["localhost", "127.0.0.1"])
PASSWORD = "shinjuku-gyoen-7"  # not on the common-password list
PRODUCTS = [
    ("特上寿司", "とくじょうずし", 3200),
    ("並寿司", "なみずし", 1800),
    ("味噌汁", "みそしる", 300),
    ("茶碗蒸し", "ちゃわんむし", 450),
]


@dataclass
class Box:
    """A running box API and what tests need to drive it."""

    server: BoxServer
    store: Store
    issued: list[tuple[str, bytes]]

    @property
    def port(self) -> int:
        return self.server.port

    def open_pairing(self) -> str:
        """What an admin does on the box: a fresh 8-digit code."""
        assert self.server.state.pairing is not None
        return self.server.state.pairing.open()

    async def restart(self, desk_certs: list[bytes]) -> None:
        """Stop the API and start a new one on the same port (the box rebooting)."""
        port = self.server.port
        await self.server.stop()  # (again, if the test stopped it already)
        self.server.state.desks.on_pin.clear()
        self.server = BoxServer(self.server.state, port=port)
        for pem in desk_certs:
            pin_desk(self.server.ssl, pem)
        await self.server.start()

    async def pop(self, call_id: int, line: str = "1", customer_id: int = 1) -> dict[str, Any]:
        """Publish the pop of a call from a seeded customer; the pop's data."""
        data = await self.store.executor.run(_customer_pop, call_id, line, customer_id)
        self.publish("pop", data)
        return data

    def publish(self, kind: str, data: dict[str, Any]) -> int:
        """Put an event on every desk's stream; its seq."""
        return self.server.state.hub.publish(kind, data).seq


def _customer_pop(call_id: int, line: str, customer_id: int) -> dict[str, Any]:
    """A pop as the box's call flow would publish it, for a seeded customer (db thread)."""
    from appliance.db.models import Customer, Phone

    c = Customer.get_by_id(customer_id)
    phone = Phone.select().where(Phone.customer == c).first()
    pop = PopOut(
        call_id=call_id,
        line=line,
        at=dt.datetime.now(dt.UTC),
        number=phone.e164 if phone else None,
        number_display=phone.entered if phone else None,
        customers=[
            PopCustomerOut(
                customer_id=c.id,
                display_name=c.display_name,
                reading=c.reading,
                company=c.company,
                vip=c.vip,
                caution=c.caution,
                blocked=c.blocked,
                call_count=3,
            )
        ],
    )
    return pop.model_dump(mode="json")


def _seed_box() -> None:
    seed(60, 200, seed=7)
    actor = Actor(None, None, "管理者")
    create_user(
        actor,
        "tanaka",
        role="operator",
        display_name="田中 花子",
        password_hash=hash_password(PASSWORD),
    )
    create_user(
        actor,
        "smith",
        role="manager",
        display_name="John Smith",
        password_hash=hash_password(PASSWORD),
    )
    for name, reading, price in PRODUCTS:
        create_product(actor, name, price, reading=reading, sku=f"P{price}")
    for customer_id, reason in ((14, "不在着信 / missed call"), (15, "見積もりの件")):
        create_task(
            actor,
            reason,
            customer_id=customer_id,
            due_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=2),
        )


@pytest.fixture
async def box(tmp_path: Path) -> AsyncIterator[Box]:
    issued: list[tuple[str, bytes]] = []

    async def issue(name: str) -> bytes:
        secret = os.urandom(32)
        issued.append((name, secret))
        return secret

    store = await Store.open_async(tmp_path / "box" / "box.db", os.urandom(32), create=True)
    await store.executor.run(_seed_box)
    server = BoxServer(ApiState(box=BOX_IDENTITY, hooks=BoxHooks(issue), store=store))
    await server.start()
    try:
        yield Box(server, store, issued)
    finally:
        await server.stop()
        await store.aclose()


@pytest.fixture
def keystore(tmp_path: Path) -> Iterator[Keystore]:
    yield Keystore(tmp_path / "desk")


async def until(
    predicate: Callable[[], bool], timeout_s: float = 20.0, show: Callable[[], object] = str
) -> None:
    """Wait until predicate() holds (state lives in other tasks/threads); fail after timeout
    with what show() says about the state then."""
    try:
        async with asyncio.timeout(timeout_s):
            while not predicate():  # noqa: ASYNC110 (state changes in other tasks, not an Event)
                await asyncio.sleep(0.01)
    except TimeoutError:
        raise AssertionError(f"still waiting after {timeout_s} s: {show()}") from None


class FakeClock:
    """The app's monotonic clock, moved by the test (note timers without sleeping)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def screen_text(app: Any) -> str:
    """What the terminal shows now, as plain text (for asserting on words, not pixels)."""
    update = app.screen._compositor.render_update(full=True)
    return "\n".join("".join(seg.text for seg in strip) for strip in update.strips)


@asynccontextmanager
async def desk_app(
    box: Box,
    keystore: Keystore,
    *,
    user: str = "tanaka",
    size: tuple[int, int] = (140, 45),
    lang: Lang = "ja",
    clock: Callable[[], float] | None = None,
) -> AsyncIterator[tuple[DeskApp, Pilot[int]]]:
    """A paired, logged-in desk app on the test box, its event stream up."""
    if not keystore.paired:
        await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")
    options = DeskOptions(user=user, password=PASSWORD, backoff_s=0.05, backoff_max_s=0.2)
    app = build_app(keystore, options, lang=lang, clock=clock or FakeClock())
    async with app.run_test(size=size) as pilot:
        await until(lambda: app.state.user is not None and app.state.connected)
        await pilot.pause()
        yield app, pilot
        assert app.errors == [], f"the desk carried on after: {[describe(e) for e in app.errors]}"


async def open_card(app: DeskApp, customer_id: int) -> CustomerScreen:
    """Open a customer's card on the desk and wait until it is loaded."""
    app.open_customer(customer_id)
    await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
    screen = app.screen
    assert isinstance(screen, CustomerScreen)
    return screen


async def seeded_call(box: Box, nth: int = 0) -> tuple[int, int, dict[str, Any]]:
    """A seeded call from a known customer: (call id, customer id, its pop, published)."""
    from appliance.db.models import Call

    def pick() -> tuple[int, int]:
        row = (
            Call.select()
            .where(Call.customer.is_null(False))
            .order_by(Call.id.desc())
            .offset(nth)
            .first()
        )
        return int(row.id), int(row.customer_id)

    call_id, customer_id = await box.store.executor.run(pick)
    return call_id, customer_id, await box.pop(call_id, "1", customer_id=customer_id)
