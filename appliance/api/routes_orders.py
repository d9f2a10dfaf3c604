"""Product and order routes: the product list, a customer's orders, placing one with totals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import OrderIn, OrderOut, ProductOut
from appliance.core.access.sessions import Caller
from appliance.core.usecases import orders


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
        result: OrderOut = order
        return result

    return api
