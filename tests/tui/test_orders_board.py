"""The order board at the desk: the day's orders in promise order, n moves one on, a move made
on another desk shows at once, a driver is given, the day's summary; 80x24 in English."""

from __future__ import annotations

from textual.widgets import DataTable

from appliance.core import orders
from appliance.core.actor import Actor
from appliance.core.order_views import order_out
from appliance.db.models import Product
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.i18n import Lang
from tui.screens.orders_board import DriverDialog, OrdersBoardScreen

SHOP = Actor(None, None, "店長")


def _two_orders() -> list[int]:
    sushi = int(Product.select().order_by(Product.id).first().id)
    return [
        int(orders.place_order(SHOP, cid, [orders.Line(product_id=sushi, qty=n)]).id)
        for cid, n in ((31, 1), (32, 2))
    ]


def _moved_elsewhere(order_id: int) -> dict[str, object]:
    row = orders.items_of(order_id)[0].order
    moved = orders.set_status(SHOP, order_id, row.version, "cooking")
    return order_out(moved, full=True).model_dump(mode="json")


async def _board(box: Box, keystore: Keystore, size: tuple[int, int], lang: Lang) -> None:
    first, second = await box.store.executor.run(_two_orders)
    async with desk_app(box, keystore, size=size, lang=lang) as (app, pilot):
        await pilot.press("alt+o")
        await until(lambda: isinstance(app.screen, OrdersBoardScreen) and bool(app.screen.orders))
        board = app.screen
        assert isinstance(board, OrdersBoardScreen)
        assert board.shown == [first, second]
        await pilot.press("n")  # the first order goes to the kitchen
        await until(lambda: board.orders[first].status == "cooking")
        # another desk moves the second: the event moves it here
        box.publish("order", await box.store.executor.run(_moved_elsewhere, second))
        await until(lambda: board.orders[second].status == "cooking")
        await pilot.pause()
        words = "調理中" if lang == "ja" else "cooking"
        assert screen_text(app).count(words) >= 2
        await pilot.press("d")
        await until(lambda: isinstance(app.screen, DriverDialog))
        await pilot.press("down", "enter")
        await until(lambda: board.orders[first].driver_id is not None)
        await pilot.press("s")
        label = "売上" if lang == "ja" else "sales"
        await until(lambda: label in screen_text(app))
        assert board.query_one("#orders-table", DataTable).row_count == 2
        await pilot.press("f7")  # the other language: the same orders, in its words
        other = "cooking" if lang == "ja" else "調理中"
        await until(lambda: screen_text(app).count(other) >= 2, show=lambda: screen_text(app))
        assert board.query_one("#orders-table", DataTable).row_count == 2


async def test_the_board_moves_live(box: Box, keystore: Keystore) -> None:
    await _board(box, keystore, (140, 45), "ja")


async def test_the_board_at_80x24_in_english(box: Box, keystore: Keystore) -> None:
    await _board(box, keystore, (80, 24), "en")
