"""Keep the search index current: build each customer's searchable text from the models."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from appliance.contract.search_keys import address_texts, name_texts, phone_texts
from appliance.db import search_index
from appliance.db.bulk import unindexed
from appliance.db.models import (
    Address,
    Call,
    Customer,
    CustomerTag,
    Email,
    Note,
    Phone,
    Recording,
    Tag,
    Transcript,
)
from appliance.db.models.base import database_proxy
from appliance.db.search_index import SearchDoc

_CHUNK = 500  # ids per IN (...) list
_CUSTOMER_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows(query: Any, ids: Sequence[int] | None, column: Any) -> Iterable[tuple[Any, ...]]:
    """Tuples of a query, for the given customer ids only (all customers when ids is None)."""
    if ids is None:
        yield from query.tuples().iterator()
        return
    for chunk in _chunks(ids):
        yield from query.where(column.in_(list(chunk))).tuples()


def build_docs(ids: Sequence[int] | None = None) -> list[SearchDoc]:
    """Searchable text of the live customers among ids (every live customer when None)."""
    other: dict[int, list[str]] = defaultdict(list)
    names: dict[int, list[str]] = {}
    customers = Customer.select(
        _CUSTOMER_ID,
        Customer.display_name,
        Customer.reading,
        Customer.company,
        Customer.department,
        Customer.title,
    ).where(unindexed(Customer.deleted_at).is_null())
    for cid, name, reading, company, department, title in _rows(customers, ids, _CUSTOMER_ID):
        names[cid] = name_texts(name, reading, company)
        other[cid].extend((department, title))
    phones = Phone.select(Phone.customer, Phone.e164, Phone.national, Phone.entered).where(
        unindexed(Phone.deleted_at).is_null()
    )
    for cid, e164, national, raw in _rows(phones, ids, Phone.customer):
        other[cid].extend(phone_texts(e164, national, raw))
    emails = Email.select(Email.customer, Email.address).where(
        unindexed(Email.deleted_at).is_null()
    )
    for cid, address in _rows(emails, ids, Email.customer):
        other[cid].append(address)
    addresses = Address.select(
        Address.customer,
        Address.postal_code,
        Address.prefecture,
        Address.city,
        Address.line1,
        Address.line2,
        Address.delivery_notes,
    ).where(unindexed(Address.deleted_at).is_null())
    for cid, postal, *parts in _rows(addresses, ids, Address.customer):
        other[cid].extend(address_texts(postal, *parts))
    notes = Note.select(Note.customer, Note.body).where(unindexed(Note.deleted_at).is_null())
    for cid, body in _rows(notes, ids, Note.customer):
        other[cid].append(body)
    transcripts = Transcript.select(Call.customer, Transcript.text).join(Recording).join(Call)
    for cid, text in _rows(transcripts, ids, Call.customer):  # what was said in their calls
        other[cid].append(text)
    tags = CustomerTag.select(CustomerTag.customer, Tag.name).join(Tag)
    for cid, tag in _rows(tags, ids, CustomerTag.customer):
        other[cid].append(tag)
    return [SearchDoc(cid, names[cid], other[cid]) for cid in sorted(names)]


def reindex_customers(customer_ids: Sequence[int], *, new: bool = False) -> None:
    """Rewrite the index rows of these customers (dropping deleted ones); call after an edit.

    new=True: the customers were just inserted and have no index rows yet."""
    db = database_proxy.obj
    ids = sorted(set(customer_ids))
    with db.atomic():
        if not new:
            search_index.remove_docs(db, ids)
        search_index.write_docs(db, build_docs(ids), replace=False)


def reindex_customer(customer_id: int) -> None:
    """Rewrite one customer's index rows; use cases call this after every edit of a customer."""
    reindex_customers([customer_id])


def rebuild(db: Any | None = None) -> int:
    """Rebuild the whole index from the tables; returns the number of customers indexed."""
    db = db if db is not None else database_proxy.obj
    with db.atomic():
        search_index.clear(db)
        return search_index.write_docs(db, build_docs(None), replace=False)
