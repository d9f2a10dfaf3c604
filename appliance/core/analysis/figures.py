"""Reading the stored figures: one customer's, or the customers of a rank, biggest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from appliance.core.analysis import metrics
from appliance.db.models import Customer
from appliance.db.models.analysis import CustomerMetric

_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


@dataclass(frozen=True)
class Figures:
    """A customer's rank, decile, RFM, LTV, spend, cycle, next due date and dormancy."""

    customer_id: int
    name: str
    rank: str
    decile: int
    r: int
    f: int
    m: int
    ltv: int
    revenue: int
    orders: int
    window_spend: int
    last_order_at: dt.datetime | None
    cycle_days: float | None
    next_due_at: dt.datetime | None
    dormant: bool

    @property
    def rfm(self) -> str:
        """The three scores as one code ('545'), empty before the first order."""
        return f"{self.r}{self.f}{self.m}" if self.r else ""


def _out(m: CustomerMetric, name: str) -> Figures:
    return Figures(
        customer_id=int(m.customer.id),
        name=name,
        rank=str(m.rank),
        decile=int(m.decile),
        r=int(m.r),
        f=int(m.f),
        m=int(m.m),
        ltv=int(m.ltv),
        revenue=int(m.revenue),
        orders=int(m.orders_n),
        window_spend=int(m.window_spend),
        last_order_at=m.last_order_at,
        cycle_days=None if m.cycle_days is None else float(m.cycle_days),
        next_due_at=m.next_due_at,
        dormant=bool(m.dormant),
    )


def live_metrics() -> Any:
    """The metric rows of live customers (not deleted, not merged away), joined to them."""
    return (
        CustomerMetric.select(CustomerMetric, _ID, Customer.display_name)
        .join(Customer, on=(CustomerMetric.customer == _ID))
        .where(Customer.deleted_at.is_null() & Customer.merged_into.is_null())
    )


def rows(query: Any) -> list[Figures]:
    """Figures for the rows of a live_metrics() query."""
    return [_out(m, str(m.customer.display_name)) for m in query]


def badge(customer_id: int) -> tuple[str | None, str | None]:
    """The card's rank and RFM code as stored (no settling: a card opens fast), None when
    the customer has no figures."""
    m = CustomerMetric.get_or_none(CustomerMetric.customer == customer_id)
    if m is None:
        return None, None
    return str(m.rank) or None, f"{m.r}{m.f}{m.m}" if m.r else None


def by_rank(rank: str | None, limit: int) -> list[Figures]:
    """Customers of a rank (all buyers when None), largest window spend first."""
    metrics.settle()
    query = live_metrics()
    if rank:
        query = query.where(CustomerMetric.rank == rank)
    order = (CustomerMetric.window_spend.desc(), CustomerMetric.revenue.desc(), _ID)
    return rows(query.order_by(*order).limit(limit))
