"""The .xlsx sheets beside the customers: custom-field definitions (always), and notes, orders
and calls when asked; rows name their customer by its id, as the customers sheet does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from appliance.core.importing.extra import (
    CALL_HEADERS,
    CALLS_SHEET,
    FIELD_HEADERS,
    FIELDS_SHEET,
    NOTE_HEADERS,
    NOTES_SHEET,
    ORDER_HEADERS,
    ORDERS_SHEET,
    choices_cell,
)
from appliance.db.models import Call, Customer, CustomFieldDef, Note, Order, OrderItem

EXTRA_SHEETS = ("notes", "orders", "calls")
Rows = Iterator[list[Any]]
_LIVE_CUSTOMER = Customer.deleted_at.is_null()


def _time(value: Any) -> str:
    return value.isoformat(" ") if value is not None else ""


def _fields() -> Rows:
    rows: Any = (
        CustomFieldDef.select()
        .where(CustomFieldDef.deleted_at.is_null())
        .order_by(CustomFieldDef.position, CustomFieldDef.key)
    )
    for d in rows:
        yield [d.key, d.label, d.label_en, d.field_type, choices_cell(d.choices)]


def _notes() -> Rows:
    rows: Any = (
        Note.select(
            Note.customer, Note.created_at, Note.author_name, Note.pinned, Note.time_spent_s
        )
        .select_extend(Note.body)
        .join(Customer)
        .where(Note.deleted_at.is_null() & _LIVE_CUSTOMER)
        .order_by(Note.customer, getattr(Note, "id"))  # noqa: B009
        .tuples()
    )
    for cid, at, author, pinned, spent, body in rows.iterator():
        yield [str(cid), _time(at), author, bool(pinned), spent, body]


def _items() -> dict[int, str]:
    rows: Any = OrderItem.select(
        OrderItem.order, OrderItem.description, OrderItem.qty, OrderItem.unit_price
    ).tuples()
    out: dict[int, list[str]] = {}
    for oid, text, qty, price in rows.iterator():
        out.setdefault(oid, []).append(f"{text} ×{qty} @{price}")
    return {oid: "\n".join(lines) for oid, lines in out.items()}


def _orders() -> Rows:
    items = _items()
    rows: Any = (
        Order.select(
            Order.customer,
            getattr(Order, "id"),  # noqa: B009
            Order.ordered_at,
            Order.channel,
            Order.status,
            Order.total,
            Order.currency,
            Order.note,
        )
        .join(Customer)
        .where(Order.deleted_at.is_null() & _LIVE_CUSTOMER)
        .order_by(Order.customer, Order.ordered_at)
        .tuples()
    )
    for cid, oid, at, channel, status, total, currency, note in rows.iterator():
        yield [
            str(cid),
            str(oid),
            _time(at),
            channel,
            status,
            total,
            currency,
            items.get(oid, ""),
            note,
        ]


def _calls() -> Rows:
    rows: Any = (
        Call.select(
            Call.customer,
            Call.started_at,
            Call.direction,
            Call.line,
            Call.number_e164,
            Call.number_national,
            Call.state,
            Call.duration_s,
            Call.disposition,
        )
        .join(Customer)
        .where(_LIVE_CUSTOMER)
        .order_by(Call.customer, Call.started_at)
        .tuples()
    )
    for cid, at, direction, line, e164, national, state, seconds, disposition in rows.iterator():
        spent = round(seconds, 1) if seconds is not None else ""
        yield [str(cid), _time(at), direction, line, e164 or national, state, spent, disposition]


def extra_sheets(names: Sequence[str]) -> Iterator[tuple[str, list[str], Rows]]:
    """(sheet name, headers, rows) of the definitions sheet and each extra sheet named."""
    yield FIELDS_SHEET, list(FIELD_HEADERS), _fields()
    makers = {
        "notes": (NOTES_SHEET, NOTE_HEADERS, _notes),
        "orders": (ORDERS_SHEET, ORDER_HEADERS, _orders),
        "calls": (CALLS_SHEET, CALL_HEADERS, _calls),
    }
    for name in EXTRA_SHEETS:
        if name in names:
            sheet, headers, make = makers[name]
            yield sheet, list(headers), make()
