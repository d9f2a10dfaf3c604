"""A regular's usual order from the pop to confirmed in two keys (u, ctrl+s), at 80x24 and in
English; lines changed, a free line, pick-up with change in the order dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import Input, Select

from appliance.contract import PopOut
from appliance.core import orders
from appliance.core.actor import Actor
from appliance.core.calls.pop_card import card
from appliance.core.contacts import add_address
from appliance.db.models import Call, Customer, Order, Product, database_proxy
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.order import OrderDialog
from tui.i18n import Lang
from tui.screens.card import CustomerScreen

SHOP = Actor(None, None, "店長")
CUSTOMER = 21


def _regular() -> dict[str, Any]:
    """Customer 21 orders 特上寿司 ×2 to their office twice, something else once (db thread)."""
    sushi, miso = (int(p.id) for p in Product.select().order_by(Product.id).limit(3)[::2])
    office = add_address(
        SHOP,
        CUSTOMER,
        postal_code="100-0005",
        prefecture="東京都",
        city="千代田区丸の内",
        line1="1-9-1",
        label="会社",
    ).id
    base = dt.datetime(2026, 11, 1, 3, 0)
    usual = [orders.Line(qty=2, product_id=sushi, remarks="わさび抜き")]
    for day, lines in enumerate((usual, [orders.Line(product_id=miso)], usual)):
        orders.place_order(
            SHOP,
            CUSTOMER,
            lines,
            ordered_at=base + dt.timedelta(days=day),
            terms=orders.Terms(address_id=office),
        )
    c = Customer.get_by_id(CUSTOMER)
    call = Call.create(line="1", state="ringing", customer=c, started_at=dt.datetime.now())

    def rows(sql: str, params: Any) -> list[tuple[Any, ...]]:
        return list(database_proxy.execute_sql(sql, params).fetchall())

    pop = PopOut(
        call_id=call.id,
        line="1",
        at=dt.datetime.now(dt.UTC),
        number="+81312345678",
        customers=[card(rows, c)],
    )
    return {
        "pop": pop.model_dump(mode="json"),
        "office": office,
        "sushi": sushi,
        "call_id": int(call.id),
    }


def _placed() -> list[tuple[int, int | None, int | None, list[tuple[str, int, str]]]]:
    return [
        (
            o.total,
            o.call_id,
            o.address_id,
            [(i.description, i.qty, i.remarks) for i in orders.items_of(o.id)],
        )
        for o in Order.select().where(Order.customer == CUSTOMER, Order.call.is_null(False))
    ]


async def _usual_in_two_keys(
    box: Box, keystore: Keystore, size: tuple[int, int], lang: Lang
) -> None:
    facts = await box.store.executor.run(_regular)
    async with desk_app(box, keystore, size=size, lang=lang) as (app, pilot):
        box.publish("pop", facts["pop"])
        await until(lambda: facts["call_id"] in app.state.calls)
        await until(lambda: "[u]" in screen_text(app))
        keys = ["u", "ctrl+s"]
        await pilot.press(keys[0])
        await until(lambda: isinstance(app.screen, OrderDialog) and bool(app.screen.lines))
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        await until(lambda: dialog.quote is not None)
        await pilot.pause()
        text = screen_text(app)
        assert "8%※" in text  # the reduced rate marked, in either language
        await pilot.press(keys[1])
        await until(lambda: isinstance(app.screen, CustomerScreen))
        placed = await box.store.executor.run(_placed)
        await until(lambda: len(placed) == 1 or bool(placed))
    assert len(keys) <= 4
    [(total, call_id, address, lines)] = placed
    assert (call_id, address) == (facts["call_id"], facts["office"])
    assert lines == [("特上寿司", 2, "わさび抜き")] and total == 6400


async def test_the_usual_from_the_pop_in_two_keys(box: Box, keystore: Keystore) -> None:
    await _usual_in_two_keys(box, keystore, (140, 45), "ja")


async def test_the_usual_at_80x24_in_english(box: Box, keystore: Keystore) -> None:
    await _usual_in_two_keys(box, keystore, (80, 24), "en")


async def test_change_lines_free_line_pickup_and_change(box: Box, keystore: Keystore) -> None:
    facts = await box.store.executor.run(_regular)
    async with desk_app(box, keystore) as (app, pilot):
        box.publish("pop", facts["pop"])
        await until(lambda: "[u]" in screen_text(app))
        await pilot.press("u")
        await until(lambda: isinstance(app.screen, OrderDialog) and bool(app.screen.lines))
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        await pilot.press("plus")  # three instead of two
        dialog.query_one("#filter", Input).value = "おにぎり 150"
        dialog.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await until(lambda: len(dialog.lines) == 2)
        dialog.query_one("#service", Select).value = "pickup"
        dialog.query_one("#tendered", Input).value = "10000"
        dialog.query_one("#when", Input).value = "25:99"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrderDialog)  # a time that does not read stays open
        dialog.query_one("#when", Input).value = ""
        await until(lambda: dialog.quote is not None and dialog.quote.change == 10000 - 9750)
        await until(lambda: "お釣り ¥250" in screen_text(app))  # drawn once the quote is in
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, CustomerScreen))
    placed = await box.store.executor.run(_placed)
    [(total, _, address, lines)] = placed
    assert lines == [("特上寿司", 3, "わさび抜き"), ("おにぎり", 1, "")]
    assert total == 9750 and address is None
