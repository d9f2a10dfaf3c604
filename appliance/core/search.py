"""Search as you type: customers whose names, readings, phones, addresses or notes contain it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from appliance.db import search_index
from appliance.db.bulk import unindexed
from appliance.db.models import Customer, Phone
from appliance.db.models.base import database_proxy

_CUSTOMER_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_PHONE_ID: Any = getattr(Phone, "id")  # noqa: B009


@dataclass(frozen=True)
class SearchHit:
    """One customer found, with what a result list shows; in_names when a name matched."""

    customer_id: int
    display_name: str
    reading: str
    company: str
    phone: str
    in_names: bool


def search(query: str, limit: int = 20) -> list[SearchHit]:
    """Up to limit customers containing every term of query; name matches come first."""
    db = database_proxy.obj
    # Names rarely hold digits, so a digits-only query skips the names pass.
    digits_only = query.strip().replace("-", "").isdigit()
    in_names = [] if digits_only else search_index.query_ids(db, query, limit, names_only=True)
    rest = search_index.query_ids(db, query, limit - len(in_names), exclude=in_names)
    ids = in_names + rest
    if not ids:
        return []
    customer_rows: Any = (
        Customer.select(_CUSTOMER_ID, Customer.display_name, Customer.reading, Customer.company)
        .where(_CUSTOMER_ID.in_(ids))
        .tuples()
    )
    rows: dict[int, tuple[Any, ...]] = {row[0]: row for row in customer_rows}
    phones: dict[int, str] = {}
    phone_rows: Any = (
        Phone.select(Phone.customer, Phone.national)
        .where(Phone.customer.in_(ids) & unindexed(Phone.deleted_at).is_null())
        .order_by(_PHONE_ID)
        .tuples()
    )
    for cid, national in phone_rows:
        phones.setdefault(cid, national)
    named = set(in_names)
    return [
        SearchHit(i, rows[i][1], rows[i][2], rows[i][3], phones.get(i, ""), i in named)
        for i in ids
        if i in rows
    ]
