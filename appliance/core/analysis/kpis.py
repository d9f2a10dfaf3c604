"""Monthly KPIs with their trend: customers, new and repeat, repeat rate, churn, average
spend, orders per customer, NPS; and retention by monthly cohort, by customers and revenue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from appliance.core.analysis import metrics
from appliance.core.analysis.months import Months, label
from appliance.db.models import database_proxy

_ORDERS = (  # a year of orders: the table read in its own order, not row by row via an index
    'SELECT customer_id, ordered_at, total FROM "order" NOT INDEXED WHERE ordered_at >= ? '
    "AND ordered_at < ? AND status != 'cancelled' AND deleted_at IS NULL"
)
_FIRST = 'SELECT customer_id, first_order_at FROM "customer_metric"'
_NPS = 'SELECT answered_at, score FROM "survey_response" WHERE answered_at >= ? AND answered_at < ?'


@dataclass
class Month:
    """One business month's figures (rates 0..1, None when there is nothing to divide by)."""

    month: str
    customers: int = 0
    new: int = 0
    repeat: int = 0
    orders: int = 0
    revenue: int = 0
    repeat_rate: float | None = None
    churn: float | None = None  # last month's customers who did not order this month
    revenue_churn: float | None = None  # last month's revenue of those who did not come back
    average_order: float | None = None
    spend_per_customer: float | None = None
    orders_per_customer: float | None = None
    nps: float | None = None
    nps_answers: int = 0
    promoters: int = 0
    detractors: int = 0


@dataclass
class Cohort:
    """Customers whose first order fell in `month`, and their share ordering k months later."""

    month: str
    size: int
    revenue: int
    customers: list[float | None] = field(default_factory=list)  # k = 0, 1, ...
    revenue_share: list[float | None] = field(default_factory=list)  # vs the first month


@dataclass
class Kpis:
    """The months, oldest first, the cohorts of those months, and when this was computed."""

    months: list[Month]
    cohorts: list[Cohort]
    buyers: dict[str, list[int]]  # month -> its customers (drill-down)
    new_buyers: dict[str, list[int]]


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def nps(scores: list[int]) -> tuple[float | None, int, int]:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6), and their counts."""
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    if not scores:
        return None, 0, 0
    return 100.0 * (promoters - detractors) / len(scores), promoters, detractors


def monthly(last: dt.date, count: int = 12) -> Kpis:
    """KPIs of the `count` business months ending with `last` (db thread)."""
    metrics.settle()
    span = Months(last, count)
    db = database_proxy.obj
    first = {int(c): dt.datetime.fromisoformat(str(t)) for c, t in db.execute_sql(_FIRST)}
    spend: list[dict[int, int]] = [{} for _ in span.months]
    orders = [0] * count
    args = (span.start.isoformat(" "), span.end.isoformat(" "))
    for cid, at, total in db.execute_sql(_ORDERS, args):
        i = span.index(dt.datetime.fromisoformat(str(at)))
        if i is not None:
            spend[i][int(cid)] = spend[i].get(int(cid), 0) + int(total)
            orders[i] += 1
    answers: list[list[int]] = [[] for _ in span.months]
    for at, score in db.execute_sql(_NPS, args):
        i = span.index(dt.datetime.fromisoformat(str(at)))
        if i is not None:
            answers[i].append(int(score))
    first_month = {c: span.index(t) for c, t in first.items()}
    out: list[Month] = []
    buyers: dict[str, list[int]] = {}
    new_buyers: dict[str, list[int]] = {}
    for i, month in enumerate(span.months):
        who = spend[i]
        new = sorted(c for c in who if first_month.get(c) == i)
        revenue = sum(who.values())
        m = Month(label(month), customers=len(who), new=len(new), orders=orders[i])
        m.repeat, m.revenue = m.customers - m.new, revenue
        m.repeat_rate = _ratio(m.repeat, m.customers)
        m.average_order = _ratio(revenue, orders[i])
        m.spend_per_customer = _ratio(revenue, m.customers)
        m.orders_per_customer = _ratio(orders[i], m.customers)
        if i > 0:
            before = spend[i - 1]
            lost = [c for c in before if c not in who]
            m.churn = _ratio(len(lost), len(before))
            m.revenue_churn = _ratio(sum(before[c] for c in lost), sum(before.values()))
        m.nps, m.promoters, m.detractors = nps(answers[i])
        m.nps_answers = len(answers[i])
        out.append(m)
        buyers[m.month], new_buyers[m.month] = sorted(who), new
    return Kpis(out, _cohorts(span, spend, first_month), buyers, new_buyers)


def _cohorts(
    span: Months, spend: list[dict[int, int]], first: dict[int, int | None]
) -> list[Cohort]:
    out = []
    for i, month in enumerate(span.months):
        members = [c for c in spend[i] if first.get(c) == i]
        base = sum(spend[i][c] for c in members)
        cohort = Cohort(label(month), size=len(members), revenue=base)
        for k in range(len(span.months) - i):
            later = spend[i + k]
            cohort.customers.append(_ratio(sum(1 for c in members if c in later), len(members)))
            cohort.revenue_share.append(_ratio(sum(later.get(c, 0) for c in members), base))
        out.append(cohort)
    return out
