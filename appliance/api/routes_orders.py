"""Product and order routes: the product list, a customer's orders, placing one with totals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from appliance.api import views
from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.contract import OrderIn, OrderOut, ProductOut
from appliance.core import editing, orders
from appliance.core.access.sessions import Caller
from appliance.core.actor import Actor
from appliance.db.models import Call, Customer, Product

if TYPE_CHECKING:
    from appliance.api.server import ApiState


def _products(include_inactive: bool) -> list[ProductOut]:
    query = Product.live()
    if not include_inactive:
        query = query.where(Product.active)
    return [
        ProductOut(id=p.id, sku=p.sku, name=p.name, reading=p.reading, unit_price=p.unit_price,
                   currency=p.currency, active=p.active)
        for p in query.order_by(Product.name, Product.id)
    ]  # fmt: skip


def _place(actor: Actor, customer_id: int, body: OrderIn) -> tuple[OrderOut, int]:
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    lines = [orders.Line(qty=i.qty, product_id=i.product_id, description=i.description,
                         unit_price=i.unit_price) for i in body.items]  # fmt: skip
    row = orders.place_order(actor, customer_id, lines, channel=body.channel,
                             status=body.status, call_id=body.call_id, note=body.note)  # fmt: skip
    version = int(editing.get_row(Customer, customer_id).version)
    return views.order_out(row), version


def _list(customer_id: int, limit: int) -> list[OrderOut]:
    editing.get_row(Customer, customer_id)
    return [views.order_out(o) for o in orders.recent_orders(customer_id, limit)]


def router(state: ApiState) -> APIRouter:
    """The product and order routes (operator and up)."""
    api = APIRouter(tags=["orders"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/products")
    async def products(inactive: bool = False, _: Caller = who) -> list[ProductOut]:
        """Products for sale (inactive ones too when asked)."""
        result: list[ProductOut] = await run(_products, inactive)
        return result

    @api.get("/customers/{customer_id}/orders")
    async def list_orders(
        customer_id: RowId, limit: Annotated[int, Query(ge=1, le=500)] = 20, _: Caller = who
    ) -> list[OrderOut]:
        """The customer's orders, newest first."""
        result: list[OrderOut] = await run(_list, customer_id, limit)
        return result

    @api.post("/customers/{customer_id}/orders", status_code=201)
    async def place(customer_id: RowId, body: OrderIn, c: Caller = who) -> OrderOut:
        """Place an order; every line total and the order total are computed by the box."""
        order, version = await run(_place, c.actor, customer_id, body)
        state.hub.publish("customer", {"customer_id": customer_id, "version": version})
        result: OrderOut = order
        return result

    return api
