"""Orders as desks see them (db thread): products, the draft from the pop (the usual and the
caller's addresses), place, status moves, drivers, a customer's orders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from appliance.contract import (
    OrderDraftOut,
    OrderIn,
    OrderItemIn,
    OrderOut,
    OrderTaxOut,
    ProductOut,
    QuoteOut,
    RankedAddressOut,
)
from appliance.contract.addresses import address_text
from appliance.core import editing, order_views, orders, usual
from appliance.core.actor import Actor
from appliance.core.analysis import metrics
from appliance.core.clock import naive_utc
from appliance.core.errors import StaleEdit
from appliance.core.usecases import menu
from appliance.core.views import restale
from appliance.db.models import Call, Customer, Order, OrderItem, Product, database_proxy


def products(include_inactive: bool) -> list[ProductOut]:
    """The product list in menu order, with options (active ones unless asked)."""
    return menu.the_menu(include_inactive).products


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(database_proxy.execute_sql(sql, params).fetchall())


def draft(customer_id: int) -> OrderDraftOut:
    """The usual order's lines (today's menu; gone products left out) and ranked addresses."""
    editing.get_row(Customer, customer_id)
    usual_id, _ = usual.usual(_rows, customer_id)
    out = OrderDraftOut(usual_order_id=usual_id)
    if usual_id is not None:
        old = editing.get_row(Order, usual_id)
        out = OrderDraftOut.model_validate(
            {"usual_order_id": usual_id, "usual_service": old.service, "usual_payment": old.payment}
        )
        for line in orders.repeat_lines(usual_id):
            if line.product_id is not None and not _on_menu(line.product_id):
                continue
            out.usual.append(
                OrderItemIn(
                    product_id=line.product_id,
                    qty=line.qty,
                    description=line.description,
                    unit_price=line.unit_price,
                    option_ids=list(line.option_ids),
                    remarks=line.remarks,
                )
            )
    for a, uses in orders.ranked_addresses(customer_id):
        out.addresses.append(
            RankedAddressOut(
                address_id=a.id,
                label=a.label,
                text=address_text(a.country, a.postal_code, a.prefecture, a.city, a.line1, a.line2),
                delivery_notes=a.delivery_notes,
                uses=uses,
            )
        )
    return out


def _on_menu(product_id: int) -> bool:
    row = Product.get_or_none(Product.id == product_id)
    return row is not None and row.deleted_at is None and bool(row.active)


def _lines(body: OrderIn) -> list[orders.Line]:
    return [
        orders.Line(
            qty=i.qty,
            product_id=i.product_id,
            description=i.description,
            unit_price=i.unit_price,
            option_ids=tuple(i.option_ids),
            remarks=i.remarks,
        )
        for i in body.items
    ]


def _terms(body: OrderIn) -> orders.Terms:
    return orders.Terms(
        service=body.service,
        requested_at=naive_utc(body.requested_at),
        payment=body.payment,
        tendered=body.tendered,
        address_id=body.address_id,
    )


def quote(customer_id: int, body: OrderIn) -> QuoteOut:
    """What the order would come to (tax per rate, change), nothing stored."""
    editing.get_row(Customer, customer_id)
    quoted = orders.quote(customer_id, _lines(body), _terms(body))
    priced = quoted.priced
    total = priced.totals.total
    return QuoteOut(
        items=[order_views.item_out(OrderItem(**i)) for i in priced.items],
        subtotal=priced.subtotal,
        delivery_fee=quoted.terms.delivery_fee or 0,
        taxes=[
            OrderTaxOut(rate_bp=r.rate.bp, reduced=r.rate.reduced, amount=r.amount, tax=r.tax)
            for r in priced.totals.by_rate
        ],
        tax_total=priced.totals.tax,
        total=total,
        change=None if body.tendered is None else body.tendered - total,
        prices_include_tax=priced.totals.inclusive,
    )


def place(actor: Actor, customer_id: int, body: OrderIn) -> tuple[OrderOut, int]:
    """Place an order with totals -> (the order in full, the customer's version now)."""
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    with database_proxy.atomic():  # the customer's figures commit with the order
        row = orders.place_order(
            actor,
            customer_id,
            _lines(body),
            terms=_terms(body),
            channel=body.channel,
            status=body.status,
            call_id=body.call_id,
            note=body.note,
        )
        metrics.refresh_queued()
    version = int(editing.get_row(Customer, customer_id).version)
    return order_views.order_out(row, full=True), version


def one(order_id: int) -> OrderOut:
    """An order in full."""
    return order_views.order_out(editing.get_row(Order, order_id), full=True)


def set_status(actor: Actor, order_id: int, version: int, status: str) -> OrderOut:
    """Move an order on the board -> the order in full."""
    try:
        with database_proxy.atomic():
            return order_views.order_out(
                orders.set_status(actor, order_id, version, status), full=True
            )
    except StaleEdit as exc:
        raise restale(exc, one(order_id)) from None


def assign_driver(actor: Actor, order_id: int, version: int, driver_id: int | None) -> OrderOut:
    """Give a delivery to a driver or take it back -> the order in full."""
    try:
        with database_proxy.atomic():
            row = orders.assign_driver(actor, order_id, version, driver_id)
            return order_views.order_out(row, full=True)
    except StaleEdit as exc:
        raise restale(exc, one(order_id)) from None


def of_customer(customer_id: int, limit: int) -> list[OrderOut]:
    """A customer's latest orders."""
    editing.get_row(Customer, customer_id)
    return [order_views.order_out(o) for o in orders.recent_orders(customer_id, limit)]
