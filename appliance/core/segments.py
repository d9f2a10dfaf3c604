"""Condition search (segments): 'last_order_days > 30 and orders >= 3 and tag = VIP'."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from appliance.contract.search_keys import fold
from appliance.core.errors import InvalidInput
from appliance.db.bulk import unindexed
from appliance.db.models import Address, Call, Customer, CustomerTag, Order, Tag, utcnow

_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
# "last order more than N days ago" is "last order before now - N days": the comparison flips.
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
TEXT_FIELDS = ("tag", "prefecture", "city", "company", "kind")
COUNT_FIELDS = ("orders", "total_spent", "calls")
DAYS_FIELDS = ("last_order_days", "last_call_days")
FLAG_FIELDS = ("vip", "caution", "blocked")
FIELDS = TEXT_FIELDS + COUNT_FIELDS + DAYS_FIELDS + FLAG_FIELDS
_CONDITION = re.compile(r"\s*([a-z_]+)\s*(!=|>=|<=|=|>|<)\s*(.+?)\s*$")
_AND = re.compile(r"\s+(?:and|AND|かつ)\s+|\s*[&＆、]\s*")


@dataclass(frozen=True)
class Condition:
    """One test on a customer: field, operator (= != > >= < <=) and value."""

    field: str
    op: str
    value: str


def parse_segment(text: str) -> list[Condition]:
    """Parse 'field op value and field op value ...'; InvalidInput says what is wrong."""
    conditions = []
    for part in _AND.split(text.strip()):
        m = _CONDITION.match(part.replace("＝", "=").replace("＞", ">").replace("＜", "<"))
        if not m:
            raise InvalidInput(f"条件が読めません / cannot read the condition {part!r}")
        field, op, value = m.group(1), m.group(2), m.group(3).strip("\"'「」")
        conditions.append(Condition(field, op, value))
    for c in conditions:
        _check(c)
    return conditions


def _check(c: Condition) -> None:
    if c.field not in FIELDS:
        raise InvalidInput(
            f"不明な項目 / unknown field {c.field!r}: use one of {', '.join(FIELDS)}"
        )
    if c.field in TEXT_FIELDS + FLAG_FIELDS and c.op not in ("=", "!="):
        raise InvalidInput(f"{c.field}: = か != のみ / only = and != are allowed")
    if c.field in DAYS_FIELDS and c.op not in _FLIP:
        raise InvalidInput(f"{c.field}: > >= < <= のみ / only > >= < <= are allowed")
    if c.field in COUNT_FIELDS + DAYS_FIELDS and not c.value.isdigit():
        raise InvalidInput(f"{c.field}: 数値が必要です / needs a whole number, not {c.value!r}")
    if c.field in FLAG_FIELDS and c.value.lower() not in ("true", "false", "yes", "no", "1", "0"):
        raise InvalidInput(f"{c.field}: true か false / needs true or false, not {c.value!r}")


def _live_orders() -> Any:
    return unindexed(Order.deleted_at).is_null() & (Order.status != "cancelled")


def _aggregate(model: Any, column: Any, where: Any, having: Any, zero_matches: bool) -> Any:
    """Customers whose aggregate satisfies `having`; also those with no rows when 0 satisfies."""
    matched = model.select(column).where(where).group_by(column).having(having)
    expr = _ID.in_(matched)
    if zero_matches:
        expr = expr | _ID.not_in(model.select(column).where(where & column.is_null(False)))
    return expr


def _expression(c: Condition, now: dt.datetime) -> Any:
    op = _OPS[c.op]
    if c.field == "tag":
        tagged = CustomerTag.select(CustomerTag.customer).join(Tag).where(Tag.key == fold(c.value))
        return _ID.in_(tagged) if c.op == "=" else _ID.not_in(tagged)
    if c.field in ("prefecture", "city"):
        column = getattr(Address, c.field)
        at = Address.select(Address.customer).where(
            (column == c.value) & unindexed(Address.deleted_at).is_null()
        )
        return _ID.in_(at) if c.op == "=" else _ID.not_in(at)
    if c.field in ("company", "kind"):
        return op(getattr(Customer, c.field), c.value)
    if c.field in FLAG_FIELDS:
        wanted = c.value.lower() in ("true", "yes", "1")
        return op(getattr(Customer, c.field), wanted)
    n = int(c.value)
    if c.field == "orders":
        having = op(peewee.fn.COUNT(getattr(Order, "id")), n)  # noqa: B009
        return _aggregate(Order, Order.customer, _live_orders(), having, op(0, n))
    if c.field == "total_spent":
        having = op(peewee.fn.SUM(Order.total), n)
        return _aggregate(Order, Order.customer, _live_orders(), having, op(0, n))
    if c.field == "calls":
        having = op(peewee.fn.COUNT(getattr(Call, "id")), n)  # noqa: B009
        return _aggregate(Call, Call.customer, Call.customer.is_null(False), having, op(0, n))
    cutoff = now - dt.timedelta(days=n)
    flipped = _OPS[_FLIP[c.op]]
    if c.field == "last_order_days":
        having = flipped(peewee.fn.MAX(Order.ordered_at), cutoff)
        return _aggregate(Order, Order.customer, _live_orders(), having, False)
    having = flipped(peewee.fn.MAX(Call.started_at), cutoff)
    return _aggregate(Call, Call.customer, Call.customer.is_null(False), having, False)


def segment_query(conditions: Sequence[Condition], now: dt.datetime | None = None) -> Any:
    """A Customer select of the live customers meeting every condition, by id."""
    moment = now or utcnow()
    where = unindexed(Customer.deleted_at).is_null()
    for c in conditions:
        _check(c)
        where = where & _expression(c, moment)
    return Customer.select().where(where).order_by(_ID)


def segment_ids(text: str, limit: int | None = None, now: dt.datetime | None = None) -> list[int]:
    """Ids of the customers a segment text selects (see parse_segment), lowest first."""
    query = segment_query(parse_segment(text), now).select(_ID)
    if limit is not None:
        query = query.limit(limit)
    rows: Any = query.tuples()
    return [int(r[0]) for r in rows]
