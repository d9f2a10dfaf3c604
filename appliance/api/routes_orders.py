"""Order routes: the product list, a customer's orders and the draft from the pop (the usual,
ranked addresses), placing one with totals, status moves and drivers (event "order")."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import (
    BoardOut,
    CloseoutOut,
    DaySummaryOut,
    DriverIn,
    OrderDraftOut,
    OrderIn,
    OrderOut,
    ProductOut,
    QuoteOut,
    StatusIn,
)
from appliance.core import order_board as board
from appliance.core import order_print
from appliance.core.access.sessions import Caller
from appliance.core.usecases import orders
from appliance.printing.order_slip import slips_for
from appliance.printing.queue import QueueLockedError

log = logging.getLogger(__name__)


def router(state: ApiState) -> APIRouter:
    """The product and order routes (operator and up)."""
    api = APIRouter(tags=["orders"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/products")
    async def products(inactive: bool = False, _: Caller = who) -> list[ProductOut]:
        """Products for sale (inactive ones too when asked)."""
        result: list[ProductOut] = await run(orders.products, inactive)
        return result

    @api.get("/customers/{customer_id}/orders")
    async def list_orders(
        customer_id: RowId, limit: Annotated[int, Query(ge=1, le=500)] = 20, _: Caller = who
    ) -> list[OrderOut]:
        """The customer's orders, newest first."""
        result: list[OrderOut] = await run(orders.of_customer, customer_id, limit)
        return result

    @api.post("/customers/{customer_id}/orders", status_code=201)
    async def place(customer_id: RowId, body: OrderIn, c: Caller = who) -> OrderOut:
        """Place an order; every line total and the order total are computed by the box."""
        order, version = await run(orders.place, c.actor, customer_id, body)
        state.hub.publish("customer", {"customer_id": customer_id, "version": version})
        await print_slips(order)
        return changed(order)

    def changed(order: OrderOut) -> OrderOut:
        state.hub.publish("order", order.model_dump(mode="json"))
        return order

    async def print_slips(order: OrderOut) -> None:
        """The kitchen ticket and delivery slip into the print queue (stored before the desk
        hears back; a printer that is off keeps them)."""
        queue = state.hooks.printing
        if queue is None:
            return
        facts = await run(order_print.slip_facts)
        try:
            for slip in slips_for(order, facts):
                await queue.submit(slip)
        except (QueueLockedError, ValueError) as exc:
            log.warning("order %s: slips not queued (%s)", order.id, type(exc).__name__)

    @api.post("/customers/{customer_id}/orders/quote")
    async def quote(customer_id: RowId, body: OrderIn, _: Caller = who) -> QuoteOut:
        """What the order would come to (tax per rate, change); nothing is stored."""
        result: QuoteOut = await run(orders.quote, customer_id, body)
        return result

    @api.get("/customers/{customer_id}/order-draft")
    async def order_draft(customer_id: RowId, _: Caller = who) -> OrderDraftOut:
        """The usual order's lines at today's menu and the caller's addresses, most used first."""
        result: OrderDraftOut = await run(orders.draft, customer_id)
        return result

    @api.get("/orders/board")
    async def order_board(day: dt.date | None = None, _: Caller = who) -> BoardOut:
        """The business day's orders (today's unless asked) and those still open, by promise."""
        result: BoardOut = await run(board.board, day)
        return result

    @api.get("/orders/closeout")
    async def driver_closeout(
        driver_id: RowId, day: dt.date | None = None, _: Caller = who
    ) -> CloseoutOut:
        """A driver's day: deliveries, total, cash to collect."""
        result: CloseoutOut = await run(board.closeout, driver_id, day)
        return result

    @api.get("/orders/summary")
    async def day_summary(day: dt.date | None = None, _: Caller = who) -> DaySummaryOut:
        """A business day's sales by status, tax rate, payment and service."""
        result: DaySummaryOut = await run(board.summary, day)
        return result

    @api.get("/orders/{order_id}")
    async def one_order(order_id: RowId, _: Caller = who) -> OrderOut:
        """An order in full (customer, phone, address, driver by name)."""
        result: OrderOut = await run(orders.one, order_id)
        return result

    @api.put("/orders/{order_id}/status", responses=STALE)
    async def move(order_id: RowId, body: StatusIn, c: Caller = who) -> OrderOut:
        """Move an order on the board (one step, or cancel); 409 when it moved meanwhile."""
        order: OrderOut = await run(orders.set_status, c.actor, order_id, body.version, body.status)
        return changed(order)

    @api.put("/orders/{order_id}/driver", responses=STALE)
    async def driver(order_id: RowId, body: DriverIn, c: Caller = who) -> OrderOut:
        """Give a delivery to a driver, or take it back."""
        order: OrderOut = await run(
            orders.assign_driver, c.actor, order_id, body.version, body.driver_id
        )
        return changed(order)

    return api
