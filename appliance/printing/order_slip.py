"""An order as slips: the kitchen ticket always, the delivery slip for a delivery or pick-up;
every figure comes from the box's order (printing only lays it out)."""

from __future__ import annotations

import datetime as dt

from appliance.contract import OrderOut
from appliance.core.order_print import SlipFacts
from appliance.printing.slip import Payment, Slip, SlipItem, TaxLine, address_qr


def _local(at: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime | None:
    if at is None:
        return None
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone).replace(tzinfo=None)


def _options(names: list[str], prices: list[int]) -> tuple[str, ...]:
    out = []
    for i, name in enumerate(names):
        delta = prices[i] if i < len(prices) else 0
        out.append(f"{name} ({'+' if delta > 0 else '-'}{abs(delta):,})" if delta else name)
    return tuple(out)


def order_no(order: OrderOut) -> str:
    """The number the shop calls an order by: its number in the business day."""
    return f"{order.day_no:03d}" if order.day_no else str(order.id)


def slips_for(order: OrderOut, facts: SlipFacts) -> list[Slip]:
    """The kitchen ticket, and the delivery slip unless the order is eaten in."""
    items = tuple(
        SlipItem(
            name=i.description,
            qty=i.qty,
            amount=i.line_total,
            options=_options(i.options, i.option_prices),
            remarks=i.remarks,
            reduced_rate=i.reduced,
        )
        for i in order.items
    )
    taxes = tuple(
        TaxLine(rate_percent=t.rate_bp / 100, base=t.amount, tax=t.tax, reduced=t.reduced)
        for t in order.taxes
    )
    ordered = _local(order.ordered_at, facts.zone) or order.ordered_at
    kinds = ["kitchen"] + (["delivery"] if order.service in ("delivery", "pickup") else [])
    service = order.service if order.service in ("delivery", "pickup", "eat_in") else "delivery"
    return [
        Slip(
            kind="kitchen" if kind == "kitchen" else "delivery",
            shop_name=facts.shop_name,
            order_no=order_no(order),
            business_date=order.business_date or ordered.date(),
            ordered_at=ordered,
            items=items,
            promise_at=_local(order.promise_at, facts.zone),
            service="pickup"
            if service == "pickup"
            else "eat_in"
            if service == "eat_in"
            else "delivery",
            customer_name=order.customer_name,
            phone=order.phone,
            address=order.address if order.service == "delivery" else "",
            delivery_notes=order.delivery_notes if order.service == "delivery" else "",
            subtotal=order.subtotal,
            taxes=taxes,
            delivery_fee=order.delivery_fee,
            total=order.total,
            payment=Payment(
                method="qr"
                if order.payment == "qr"
                else "card"
                if order.payment == "card"
                else "cash",
                tendered=order.tendered,
            ),
            remarks=order.note,
            qr_payload=address_qr(order.address)
            if order.address and order.service == "delivery"
            else "",
            currency=order.currency,
            language=facts.language,
            order_id=order.id,
        )
        for kind in kinds
    ]
