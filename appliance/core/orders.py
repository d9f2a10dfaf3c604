"""Products and orders: items with quantity and unit price, totals computed here, status moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.settings import get_setting
from appliance.core.text import clean, clean_multiline
from appliance.db.models import Customer, Order, OrderItem, Product
from appliance.db.models.commerce import ORDER_CHANNELS, ORDER_STATUSES

MAX_QTY = 10_000


@dataclass(frozen=True)
class Line:
    """One ordered line: a product (its price unless unit_price is given) or a free description."""

    qty: int = 1
    product_id: int | None = None
    description: str = ""
    unit_price: int | None = None


def _item(line: Line) -> dict[str, object]:
    qty = int(line.qty)
    if not 1 <= qty <= MAX_QTY:
        raise InvalidInput(f"数量が不正です / quantity must be 1..{MAX_QTY}, not {line.qty}")
    description = clean(line.description)
    price = line.unit_price
    if line.product_id is not None:
        product = editing.get_row(Product, line.product_id)
        if product.sold_out:
            raise InvalidInput(f"品切れです / {product.name} is sold out")
        description = description or str(product.name)
        price = int(product.unit_price) if price is None else price
    if not description:
        raise InvalidInput("品目がありません / an item needs a product or a description")
    if price is None or int(price) < 0:
        raise InvalidInput(f"単価が不正です / bad unit price for {description}")
    return {
        "product": line.product_id,
        "description": description,
        "qty": qty,
        "unit_price": int(price),
        "line_total": qty * int(price),
    }


def place_order(
    actor: Actor,
    customer_id: int,
    lines: Iterable[Line],
    *,
    channel: str = "phone",
    status: str = "open",
    ordered_at: dt.datetime | None = None,
    call_id: int | None = None,
    note: str = "",
) -> Order:
    """An order with its items; the total is the sum of qty × unit price."""
    editing.get_row(Customer, customer_id)
    if channel not in ORDER_CHANNELS:
        raise InvalidInput(f"受付経路が不正です / channel must be one of {ORDER_CHANNELS}")
    if status not in ORDER_STATUSES:
        raise InvalidInput(f"状態が不正です / status must be one of {ORDER_STATUSES}")
    items = [_item(line) for line in lines]
    if not items:
        raise InvalidInput("品目がありません / an order needs at least one item")
    extra = {"ordered_at": ordered_at} if ordered_at is not None else {}
    with Order._meta.database.atomic():
        order = editing.create(
            actor,
            Order,
            customer=customer_id,
            call=call_id,
            channel=channel,
            status=status,
            total=sum(int(str(i["line_total"])) for i in items),
            currency=str(get_setting("currency") or "JPY"),
            note=clean_multiline(note),
            **extra,
        )
        for item in items:
            row = OrderItem.create(order=order.id, **item)
            audit.record(actor, "order_item", row.id, "create", None, audit.row_to_dict(row))
    return order


def set_status(actor: Actor, order_id: int, expected_version: int, status: str) -> Order:
    """Move an order to another status (a cancelled order stays cancelled)."""
    if status not in ORDER_STATUSES:
        raise InvalidInput(f"状態が不正です / status must be one of {ORDER_STATUSES}")
    order = editing.get_row(Order, order_id)
    if order.status == "cancelled" and status != "cancelled":
        raise Conflict("取消済みの注文です / the order was cancelled")
    return editing.update(actor, Order, order_id, expected_version, {"status": status})


def items_of(order_id: int) -> list[OrderItem]:
    """The order's items in entry order."""
    return list(OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id))


def recent_orders(customer_id: int, limit: int = 10) -> list[Order]:
    """The customer's live orders, newest first ("the usual order?")."""
    return list(
        Order.live()
        .where(Order.customer == customer_id)
        .order_by(Order.ordered_at.desc(), Order.id.desc())
        .limit(limit)
    )


def repeat_order(actor: Actor, order_id: int, *, call_id: int | None = None) -> Order:
    """A new order with the same items at today's product prices ("the usual, please")."""
    old = editing.get_row(Order, order_id)
    lines = [
        Line(
            qty=i.qty,
            product_id=editing.fk_id(i, "product"),
            description=i.description,
            unit_price=None if editing.fk_id(i, "product") else i.unit_price,
        )
        for i in items_of(order_id)
    ]
    return place_order(
        actor, int(editing.fk_id(old, "customer") or 0), lines, channel=old.channel, call_id=call_id
    )
