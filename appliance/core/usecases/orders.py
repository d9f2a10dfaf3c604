"""Products and orders as desks see them (db thread): the product list, place, list orders."""

from __future__ import annotations

from appliance.contract import OrderIn, OrderOut, ProductOut
from appliance.core import editing, orders, views
from appliance.core.actor import Actor
from appliance.core.analysis import metrics
from appliance.core.usecases import menu
from appliance.db.models import Call, Customer


def products(include_inactive: bool) -> list[ProductOut]:
    """The product list in menu order, with options (active ones unless asked)."""
    return menu.the_menu(include_inactive).products


def place(actor: Actor, customer_id: int, body: OrderIn) -> tuple[OrderOut, int]:
    """Place an order with totals -> (the order, the customer's version now)."""
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    lines = [
        orders.Line(
            qty=i.qty, product_id=i.product_id, description=i.description, unit_price=i.unit_price
        )
        for i in body.items
    ]
    row = orders.place_order(
        actor,
        customer_id,
        lines,
        channel=body.channel,
        status=body.status,
        call_id=body.call_id,
        note=body.note,
    )
    metrics.refresh_queued()
    version = int(editing.get_row(Customer, customer_id).version)
    return views.order_out(row), version


def of_customer(customer_id: int, limit: int) -> list[OrderOut]:
    """A customer's latest orders."""
    editing.get_row(Customer, customer_id)
    return [views.order_out(o) for o in orders.recent_orders(customer_id, limit)]
