"""A month broken down: calls and orders by weekday × hour, region, category and product, age
band, gender; and each operator's calls, missed calls, time to claim, talk, after-call time and
note writing (db thread)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from appliance.core import business_day
from appliance.core.analysis.months import Months
from appliance.db.models import database_proxy

DRILL = 5000  # customers kept behind one row for the drill-down
AGE_BANDS = ((0, 20, "-19"), (20, 30, "20-29"), (30, 40, "30-39"), (40, 50, "40-49"),
             (50, 60, "50-59"), (60, 70, "60-69"), (70, 200, "70-"))  # fmt: skip
_LIVE = "status != 'cancelled' AND deleted_at IS NULL"
_ORDERS = (
    'SELECT customer_id, ordered_at, total FROM "order" '
    f"WHERE ordered_at >= ? AND ordered_at < ? AND {_LIVE}"
)
_CALLS = 'SELECT started_at FROM "call" WHERE started_at >= ? AND started_at < ?'
_REGION = (
    'SELECT a.customer_id, a.prefecture, a.city FROM "address" AS a WHERE a.deleted_at IS NULL '
    'AND a.id = (SELECT min(b.id) FROM "address" AS b WHERE b.customer_id = a.customer_id '
    "AND b.deleted_at IS NULL)"
)
_PEOPLE = 'SELECT id, gender, birth_date FROM "customer" WHERE deleted_at IS NULL'
_ITEMS = (
    "SELECT o.customer_id, coalesce(c.name, ''), coalesce(p.name, i.description), i.line_total "
    'FROM "order_item" AS i JOIN "order" AS o ON o.id = i.order_id '
    'LEFT JOIN "product" AS p ON p.id = i.product_id '
    'LEFT JOIN "category" AS c ON c.id = p.category_id '
    f"WHERE o.ordered_at >= ? AND o.ordered_at < ? AND o.{_LIVE.replace(' AND ', ' AND o.')}"
)
_OPERATOR_CALLS = (
    "SELECT c.user_id, coalesce(nullif(u.display_name, ''), u.username), count(*), "
    "avg(c.duration_s), sum(c.state = 'missed') "
    'FROM "call" AS c JOIN "user" AS u ON u.id = c.user_id '
    "WHERE c.started_at >= ? AND c.started_at < ? GROUP BY c.user_id"
)
_MISSED = (
    "SELECT count(*) FROM \"call\" WHERE started_at >= ? AND started_at < ? AND state = 'missed'"
)
_CLAIMS = (
    "SELECT a.user_id, avg((julianday(a.at) - julianday(c.started_at)) * 86400.0) "
    'FROM "audit_log" AS a JOIN "call" AS c ON c.id = a.entity_id '
    "WHERE a.entity = 'call' AND a.action = 'claim' AND a.at >= ? AND a.at < ? GROUP BY a.user_id"
)
_AFTER = (
    "SELECT n.author_id, avg((julianday(n.created_at) - julianday(c.ended_at)) * 86400.0), "
    'avg(n.time_spent_s), count(*) FROM "note" AS n JOIN "call" AS c ON c.id = n.call_id '
    "WHERE n.created_at >= ? AND n.created_at < ? AND c.ended_at IS NOT NULL "
    "AND n.created_at >= c.ended_at GROUP BY n.author_id"
)
_NOTES = (
    'SELECT author_id, sum(time_spent_s), count(*) FROM "note" '
    "WHERE created_at >= ? AND created_at < ? AND deleted_at IS NULL GROUP BY author_id"
)


@dataclass
class Row:
    """One line of a breakdown: its label, orders (or calls), revenue, and its customers."""

    label: str
    count: int = 0
    revenue: int = 0
    customers: set[int] = field(default_factory=set)


@dataclass
class Operator:
    """One operator's month (seconds are averages; None when nothing to average)."""

    user_id: int
    name: str
    calls: int = 0
    missed: int = 0
    claim_s: float | None = None
    talk_s: float | None = None
    after_call_s: float | None = None
    notes: int = 0
    note_writing_s: int = 0


@dataclass
class Breakdowns:
    """The month's heat maps (7 weekdays × 24 hours, Monday first) and its breakdowns."""

    calls_heat: list[list[int]]
    orders_heat: list[list[int]]
    region: list[Row]
    city: list[Row]
    category: list[Row]
    product: list[Row]
    age: list[Row]
    gender: list[Row]
    operators: list[Operator]
    missed: int


def _add(rows: dict[str, Row], key: str, cid: int, count: int, revenue: int) -> None:
    row = rows.setdefault(key, Row(key))
    row.count += count
    row.revenue += revenue
    if len(row.customers) < DRILL:
        row.customers.add(cid)


def _ranked(rows: dict[str, Row]) -> list[Row]:
    return sorted(rows.values(), key=lambda r: (-r.revenue, -r.count, r.label))


def _age(born: Any, on: dt.date) -> str:
    if not born:
        return ""
    b = dt.date.fromisoformat(str(born)[:10])
    years = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
    return next((name for low, high, name in AGE_BANDS if low <= years < high), "")


def month_breakdowns(month: dt.date) -> Breakdowns:
    """The breakdowns of one business month (db thread)."""
    span = Months(month, 1)
    args = (span.start.isoformat(" "), span.end.isoformat(" "))
    db = database_proxy.obj
    zone = business_day.shop_zone()
    heat = {"calls": [[0] * 24 for _ in range(7)], "orders": [[0] * 24 for _ in range(7)]}
    spent: dict[int, list[int]] = {}
    for cid, at, total in db.execute_sql(_ORDERS, args):
        local = dt.datetime.fromisoformat(str(at)).replace(tzinfo=dt.UTC).astimezone(zone)
        heat["orders"][local.weekday()][local.hour] += 1
        pair = spent.setdefault(int(cid), [0, 0])
        pair[0], pair[1] = pair[0] + 1, pair[1] + int(total)
    for (at,) in db.execute_sql(_CALLS, args):
        local = dt.datetime.fromisoformat(str(at)).replace(tzinfo=dt.UTC).astimezone(zone)
        heat["calls"][local.weekday()][local.hour] += 1
    region: dict[str, Row] = {}
    city: dict[str, Row] = {}
    for cid, pref, town in db.execute_sql(_REGION):
        if int(cid) in spent:
            n, yen = spent[int(cid)]
            _add(region, str(pref or ""), int(cid), n, yen)
            _add(city, f"{pref or ''} {town or ''}".strip(), int(cid), n, yen)
    age: dict[str, Row] = {}
    gender: dict[str, Row] = {}
    end = span.end.date()
    for cid, sex, born in db.execute_sql(_PEOPLE):
        if int(cid) in spent:
            n, yen = spent[int(cid)]
            _add(age, _age(born, end), int(cid), n, yen)
            _add(gender, str(sex or "unknown"), int(cid), n, yen)
    category: dict[str, Row] = {}
    product: dict[str, Row] = {}
    for cid, cat, name, total in db.execute_sql(_ITEMS, args):
        _add(category, str(cat), int(cid), 1, int(total))
        _add(product, str(name), int(cid), 1, int(total))
    return Breakdowns(
        calls_heat=heat["calls"],
        orders_heat=heat["orders"],
        region=_ranked(region),
        city=_ranked(city),
        category=_ranked(category),
        product=_ranked(product),
        age=_ranked(age),
        gender=_ranked(gender),
        operators=_operators(args),
        missed=int(db.execute_sql(_MISSED, args).fetchone()[0]),
    )


def _operators(args: tuple[str, str]) -> list[Operator]:
    db = database_proxy.obj
    ops: dict[int, Operator] = {}
    for uid, name, calls, talk, missed in db.execute_sql(_OPERATOR_CALLS, args):
        ops[int(uid)] = Operator(int(uid), str(name), int(calls), int(missed or 0))
        ops[int(uid)].talk_s = None if talk is None else float(talk)
    for uid, claim in db.execute_sql(_CLAIMS, args):
        if uid is not None and int(uid) in ops and claim is not None:
            ops[int(uid)].claim_s = float(claim)
    for uid, after, _spent, _n in db.execute_sql(_AFTER, args):
        if uid is not None and int(uid) in ops and after is not None:
            ops[int(uid)].after_call_s = float(after)
    for uid, writing, n in db.execute_sql(_NOTES, args):
        if uid is not None and int(uid) in ops:
            ops[int(uid)].notes, ops[int(uid)].note_writing_s = int(n), int(writing or 0)
    return sorted(ops.values(), key=lambda o: (-o.calls, o.name))
