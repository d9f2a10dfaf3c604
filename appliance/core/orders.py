"""Orders: lines priced with options and tax per rate, service, requested and promised time,
payment, address, the business day's number, status moves on the board, drivers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import peewee

from appliance.core import audit, business_day, editing, order_states, zones
from appliance.core.actor import Actor
from appliance.core.clock import utcnow
from appliance.core.errors import InvalidInput
from appliance.core.order_lines import Line, Priced, option_names, price, tax_detail
from appliance.core.settings import get_setting
from appliance.core.text import clean_multiline
from appliance.db.models import (
    Address,
    Customer,
    DeliveryZone,
    Order,
    OrderItem,
    ProductOption,
    User,
)
from appliance.db.models.commerce import ORDER_CHANNELS, PAYMENTS, SERVICES

__all__ = [
    "Line",
    "Quote",
    "Terms",
    "assign_driver",
    "items_of",
    "lead_minutes",
    "place_order",
    "quote",
    "ranked_addresses",
    "recent_orders",
    "repeat_order",
    "set_status",
]
LEAD_KEY = "orders.lead_minutes"  # how long an order takes when the caller says "now"


@dataclass(frozen=True)
class Terms:
    """How the order is served and paid: requested_at None means as soon as possible;
    tendered is the cash the customer will pay with (change for ¥10,000)."""

    service: str = "delivery"
    requested_at: dt.datetime | None = None
    payment: str = "cash"
    tendered: int | None = None
    address_id: int | None = None
    delivery_fee: int | None = None  # None: the zone's fee (0 without zones)
    lead_minutes: int | None = None  # None: the zone's minutes, else orders.lead_minutes


def lead_minutes(service: str) -> int:
    """Minutes from "now" to the promise (orders.lead_minutes: 30 delivery, 15 otherwise)."""
    value = get_setting(LEAD_KEY)
    if isinstance(value, dict):
        value = value.get(service)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60:
        return value
    return 30 if service == "delivery" else 15


def ranked_addresses(customer_id: int) -> list[tuple[Address, int]]:
    """The customer's live addresses with their use in orders, most used (then newest) first."""
    query = (
        Order.select(Order.address, peewee.fn.COUNT(Order.id), peewee.fn.MAX(Order.ordered_at))
        .where((Order.customer == customer_id) & Order.address.is_null(False))
        .group_by(Order.address)
        .tuples()
    )
    rows_: list[tuple[Any, ...]] = list(query.execute())
    uses = {int(r[0]): (int(r[1]), r[2]) for r in rows_}
    rows = list(Address.live().where(Address.customer == customer_id).order_by(Address.id))
    rows.sort(key=lambda a: str(uses.get(int(a.id), (0, ""))[1] or ""), reverse=True)
    rows.sort(key=lambda a: uses.get(int(a.id), (0, ""))[0], reverse=True)
    return [(a, uses.get(int(a.id), (0, None))[0]) for a in rows]


def _address(customer_id: int, terms: Terms) -> int | None:
    if terms.address_id is None:
        if terms.service != "delivery":
            return None
        ranked = ranked_addresses(customer_id)
        return int(ranked[0][0].id) if ranked else None
    address = editing.get_row(Address, terms.address_id)
    if editing.fk_id(address, "customer") != customer_id:
        raise InvalidInput("この顧客の住所ではありません / the address is not this customer's")
    return int(address.id)


def _check_terms(terms: Terms) -> None:
    if terms.service not in SERVICES:
        raise InvalidInput(f"受取方法が不正です / service must be one of {SERVICES}")
    if terms.payment not in PAYMENTS:
        raise InvalidInput(f"支払方法が不正です / payment must be one of {PAYMENTS}")
    if terms.tendered is not None and terms.payment != "cash":
        raise InvalidInput("お預かり金額は現金のときだけです / change is for cash payments only")


def _day_no(day: dt.date) -> int:
    last = Order.select(peewee.fn.MAX(Order.day_no)).where(Order.business_date == day).scalar()
    return int(last or 0) + 1


@dataclass(frozen=True)
class Quote:
    """An order priced and checked: the figures, the terms with the zone's fee and minutes
    filled in and the address chosen, and the zone."""

    priced: Priced
    terms: Terms
    zone_id: int | None


def _zoned(customer_id: int, terms: Terms) -> tuple[Terms, DeliveryZone | None]:
    address_id = _address(customer_id, terms)
    how = replace(terms, address_id=address_id)
    if terms.service != "delivery" or address_id is None:
        return replace(how, delivery_fee=terms.delivery_fee or 0), None
    zone, any_zones = zones.zone_for(address_id)
    if zone is None:
        if any_zones:
            raise InvalidInput(
                "配達エリア外の住所です / this address is outside every delivery zone"
            )
        return replace(how, delivery_fee=terms.delivery_fee or 0), None
    fee = int(zone.fee) if terms.delivery_fee is None else terms.delivery_fee
    minutes = int(zone.minutes) if terms.lead_minutes is None else terms.lead_minutes
    return replace(how, delivery_fee=fee, lead_minutes=minutes), zone


def quote(customer_id: int, lines: Iterable[Line], terms: Terms, *, now: bool = True) -> Quote:
    """The order priced and checked as it would be placed (zone, fee, minimum), nothing
    written."""
    _check_terms(terms)
    how, zone = _zoned(customer_id, terms)
    priced = price(lines, how.service, how.delivery_fee or 0, now=now)
    if zone is not None and priced.subtotal < int(zone.minimum):
        raise InvalidInput(
            f"{zone.name} への配達は {int(zone.minimum):,} から / delivery to {zone.name} needs "
            f"an order of at least {int(zone.minimum):,} (this one is {priced.subtotal:,})"
        )
    total = priced.totals.total
    if terms.tendered is not None and terms.tendered < total:
        raise InvalidInput(
            f"お預かり金額が合計より少ないです / the cash given ({terms.tendered}) is less than "
            f"the total ({total})"
        )
    return Quote(priced, how, int(zone.id) if zone is not None else None)


def place_order(
    actor: Actor,
    customer_id: int,
    lines: Iterable[Line],
    *,
    terms: Terms | None = None,
    channel: str = "phone",
    status: str = "received",
    ordered_at: dt.datetime | None = None,
    call_id: int | None = None,
    note: str = "",
) -> Order:
    """An order with its items, tax per rate and total (items + fee), numbered in its business
    day; the promise is the requested time, else now + the lead time."""
    how = terms or Terms()
    editing.get_row(Customer, customer_id)
    if channel not in ORDER_CHANNELS:
        raise InvalidInput(f"受付経路が不正です / channel must be one of {ORDER_CHANNELS}")
    if status not in order_states.ALL:
        raise InvalidInput(f"状態が不正です / status must be one of {order_states.ALL}")
    quoted = quote(customer_id, lines, how, now=ordered_at is None)
    priced, how = quoted.priced, quoted.terms
    total = priced.totals.total
    at = ordered_at or utcnow()
    minutes = how.lead_minutes if how.lead_minutes is not None else lead_minutes(how.service)
    promise = how.requested_at or at + dt.timedelta(minutes=minutes)
    day = business_day.business_date(at)
    with Order._meta.database.atomic():
        order = editing.create(
            actor,
            Order,
            customer=customer_id,
            call=call_id,
            channel=channel,
            status=status,
            total=total,
            currency=str(get_setting("currency") or "JPY"),
            note=clean_multiline(note),
            ordered_at=at,
            service=how.service,
            requested_at=how.requested_at,
            promise_at=promise,
            payment=how.payment,
            tendered=how.tendered,
            address=how.address_id,
            delivery_fee=how.delivery_fee or 0,
            zone_id=quoted.zone_id,
            tax_total=priced.totals.tax,
            tax_detail=tax_detail(priced.totals),
            business_date=day,
            day_no=_day_no(day),
            status_at=at,
        )
        for item in priced.items:
            row = OrderItem.create(order=order.id, **item)
            audit.record(actor, "order_item", row.id, "create", None, audit.row_to_dict(row))
    return order


def set_status(actor: Actor, order_id: int, expected_version: int, status: str) -> Order:
    """Move an order on the board (one step, or cancel); StaleEdit when it moved meanwhile."""
    order = editing.get_row(Order, order_id)
    order_states.check_move(str(order.status), status, str(order.service))
    return editing.update(
        actor, Order, order_id, expected_version, {"status": status, "status_at": utcnow()}
    )


def assign_driver(
    actor: Actor, order_id: int, expected_version: int, driver_id: int | None
) -> Order:
    """Give a delivery to a driver (a user), or take it back (None)."""
    order = editing.get_row(Order, order_id)
    if driver_id is not None:
        if order.service != "delivery":
            raise InvalidInput("配達の注文ではありません / only a delivery has a driver")
        editing.get_row(User, driver_id)
    return editing.update(actor, Order, order_id, expected_version, {"driver": driver_id})


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


def repeat_lines(order_id: int) -> list[Line]:
    """An order's lines again, with today's product prices and the same options by name."""
    lines: list[Line] = []
    for item in items_of(order_id):
        product = editing.fk_id(item, "product")
        lines.append(
            Line(
                qty=item.qty,
                product_id=product,
                description="" if product else item.description,
                unit_price=None if product else item.unit_price,
                option_ids=_option_ids(product, option_names(item.options)) if product else (),
                remarks=item.remarks,
                tax_class="reduced" if item.reduced or not item.tax_rate_bp else "standard",
            )
        )
    return lines


def _option_ids(product_id: int, chosen: list[tuple[str, int]]) -> tuple[int, ...]:
    names = {name for name, _ in chosen}
    rows = ProductOption.live().where(
        (ProductOption.product == product_id) & ProductOption.name.in_(names or {""})
    )
    return tuple(int(o.id) for o in rows)


def repeat_order(
    actor: Actor, order_id: int, *, call_id: int | None = None, terms: Terms | None = None
) -> Order:
    """A new order with the same lines at today's prices ("the usual, please")."""
    old = editing.get_row(Order, order_id)
    return place_order(
        actor,
        int(editing.fk_id(old, "customer") or 0),
        repeat_lines(order_id),
        terms=terms
        or Terms(
            service=str(old.service),
            payment=str(old.payment),
            address_id=editing.fk_id(old, "address"),
        ),
        channel=old.channel,
        call_id=call_id,
        note=old.note,
    )
