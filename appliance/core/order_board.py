"""The order board (db thread): the business day's orders by promise time with the ones still
open from before; a driver's close-out; the day's sales summary."""

from __future__ import annotations

import datetime as dt
import json

from appliance.contract import (
    BoardOut,
    CloseoutOut,
    DaySummaryOut,
    OrderTaxOut,
)
from appliance.core import business_day, editing
from appliance.core.clock import utcnow
from appliance.core.order_views import order_out
from appliance.db.models import Order, User

OPEN = ("received", "cooking", "delivering")


def _day(day: dt.date | None) -> dt.date:
    return day if day is not None else business_day.business_date(utcnow())


def board(day: dt.date | None = None) -> BoardOut:
    """The day's orders, and every order still open from an earlier day, by promise time."""
    when = _day(day)
    query = Order.live().where(
        (Order.business_date == when) | (Order.status.in_(OPEN) & (Order.business_date < when))
    )
    rows = list(query.order_by(Order.promise_at.is_null(), Order.promise_at, Order.id))
    return BoardOut(business_date=when, orders=[order_out(o, full=True) for o in rows])


def _day_orders(when: dt.date) -> list[Order]:
    return list(Order.live().where(Order.business_date == when).order_by(Order.id))


def closeout(driver_id: int, day: dt.date | None = None) -> CloseoutOut:
    """A driver's day: their deliveries, what they came to, the cash they bring back."""
    when = _day(day)
    driver = User.get_or_none(User.id == driver_id)
    mine = [
        o
        for o in _day_orders(when)
        if editing.fk_id(o, "driver") == driver_id and o.status != "cancelled"
    ]
    return CloseoutOut(
        business_date=when,
        driver_id=driver_id,
        driver=str(driver.display_name or driver.username) if driver is not None else "",
        orders=len(mine),
        done=sum(1 for o in mine if o.status == "done"),
        total=sum(int(o.total) for o in mine),
        cash_to_collect=sum(int(o.total) for o in mine if o.payment == "cash"),
        order_ids=[int(o.id) for o in mine],
    )


def summary(day: dt.date | None = None) -> DaySummaryOut:
    """The day's sales: orders by status, sales and tax per rate (cancelled left out), by
    payment and by service."""
    when = _day(day)
    rows = _day_orders(when)
    sold = [o for o in rows if o.status != "cancelled"]
    statuses: dict[str, int] = {}
    for o in rows:
        statuses[str(o.status)] = statuses.get(str(o.status), 0) + 1
    payments: dict[str, int] = {}
    services: dict[str, int] = {}
    taxes: dict[tuple[int, bool], list[int]] = {}
    for o in sold:
        payments[str(o.payment)] = payments.get(str(o.payment), 0) + int(o.total)
        services[str(o.service)] = services.get(str(o.service), 0) + int(o.total)
        for bp, reduced, amount, tax in json.loads(o.tax_detail or "[]"):
            acc = taxes.setdefault((int(bp), bool(reduced)), [0, 0])
            acc[0] += int(amount)
            acc[1] += int(tax)
    return DaySummaryOut(
        business_date=when,
        orders=len(sold),
        cancelled=statuses.get("cancelled", 0),
        by_status=statuses,
        sales=sum(int(o.total) for o in sold),
        delivery_fees=sum(int(o.delivery_fee) for o in sold),
        taxes=[
            OrderTaxOut(rate_bp=bp, reduced=reduced, amount=acc[0], tax=acc[1])
            for (bp, reduced), acc in sorted(taxes.items(), key=lambda kv: (-kv[0][0], kv[0][1]))
        ],
        by_payment=payments,
        by_service=services,
    )
