"""Orders on the wire (db thread): items with options, tax per rate, the customer, address
and driver by name for the board and the slip."""

from __future__ import annotations

import json

from appliance.contract import OrderItemOut, OrderOut, OrderTaxOut
from appliance.contract.addresses import address_text
from appliance.core import editing
from appliance.core.menu import tax_scheme
from appliance.core.normalize import display_phone
from appliance.core.order_lines import option_names
from appliance.core.orders import items_of
from appliance.core.settings import default_region
from appliance.db.models import Address, Customer, Order, OrderItem, Phone, User


def item_out(i: OrderItem) -> OrderItemOut:
    """One stored line on the wire."""
    chosen = option_names(i.options)
    return OrderItemOut(
        product_id=editing.fk_id(i, "product"),
        description=i.description,
        qty=i.qty,
        unit_price=i.unit_price,
        line_total=i.line_total,
        options=[name for name, _ in chosen],
        option_prices=[delta for _, delta in chosen],
        remarks=i.remarks or "",
        tax_rate_bp=i.tax_rate_bp or 0,
        reduced=bool(i.reduced),
    )


def _taxes(detail: str) -> list[OrderTaxOut]:
    if not detail:
        return []
    return [
        OrderTaxOut(rate_bp=int(bp), reduced=bool(reduced), amount=int(amount), tax=int(tax))
        for bp, reduced, amount, tax in json.loads(detail)
    ]


def order_out(o: Order, items: list[OrderItem] | None = None, *, full: bool = False) -> OrderOut:
    """An order on the wire; `full` adds the customer, phone, address and driver by name."""
    lines = items_of(int(o.id)) if items is None else items
    tendered = o.tendered
    out = OrderOut(
        id=o.id,
        customer_id=editing.fk_id(o, "customer") or 0,
        ordered_at=o.ordered_at,
        channel=o.channel,
        status=o.status,
        total=o.total,
        currency=o.currency,
        note=o.note,
        call_id=editing.fk_id(o, "call"),
        version=o.version,
        items=[item_out(i) for i in lines],
        service=o.service or "delivery",
        requested_at=o.requested_at,
        promise_at=o.promise_at,
        payment=o.payment or "cash",
        tendered=tendered,
        change=None if tendered is None else max(0, int(tendered) - int(o.total)),
        address_id=editing.fk_id(o, "address"),
        delivery_fee=o.delivery_fee or 0,
        subtotal=sum(int(i.line_total) for i in lines),
        tax_total=o.tax_total or 0,
        taxes=_taxes(o.tax_detail or ""),
        business_date=o.business_date,
        day_no=o.day_no or 0,
        driver_id=editing.fk_id(o, "driver"),
        status_at=o.status_at,
    )
    if full:
        _fill(out)
    return out


def _fill(out: OrderOut) -> None:
    out.prices_include_tax = tax_scheme()[1]
    customer = Customer.get_or_none(Customer.id == out.customer_id)
    out.customer_name = str(customer.display_name) if customer is not None else ""
    phone = Phone.live().where(Phone.customer == out.customer_id).order_by(Phone.id).first()
    if phone is not None:
        out.phone = (
            display_phone(str(phone.e164), default_region())
            if phone.e164
            else str(phone.entered or phone.national)
        )
    if out.address_id is not None:
        a = Address.get_or_none(Address.id == out.address_id)
        if a is not None:
            out.address = address_text(
                a.country, a.postal_code, a.prefecture, a.city, a.line1, a.line2
            )
            out.delivery_notes = str(a.delivery_notes or "")
    if out.driver_id is not None:
        u = User.get_or_none(User.id == out.driver_id)
        out.driver = str(u.display_name or u.username) if u is not None else ""
