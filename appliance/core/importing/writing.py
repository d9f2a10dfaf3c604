"""Write checked records as customers in bulk, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from appliance.core.importing.records import Record
from appliance.core.normalize import fold
from appliance.db.bulk import insert_rows
from appliance.db.models import Address, Customer, CustomerTag, Email, Note, Phone, Tag, utcnow

_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_TAG_ID: Any = getattr(Tag, "id")  # noqa: B009


def _tag_ids(names: set[str]) -> dict[str, int]:
    """Folded tag name -> id, creating the tags that do not exist yet."""
    now = utcnow()
    existing = _tag_table()
    missing = {fold(n): n for n in names if fold(n) not in existing}
    insert_rows(
        Tag,
        ["name", "key", "created_at", "updated_at", "version"],
        [(name, key, now, now, 1) for key, name in missing.items()],
    )
    return _tag_table()


def _tag_table() -> dict[str, int]:
    rows: Any = Tag.select(_TAG_ID, Tag.key).tuples()
    return {key: tid for tid, key in rows}


def write_records(records: Sequence[Record]) -> list[int]:
    """Insert these records as new customers with their details; returns their ids in order."""
    if not records:
        return []
    now = utcnow()
    first = int(Customer.select(_ID).order_by(_ID.desc()).limit(1).scalar() or 0) + 1
    ids = list(range(first, first + len(records)))
    stamp = (now, now, 1)
    customers: list[tuple[Any, ...]] = []
    phones: list[tuple[Any, ...]] = []
    emails: list[tuple[Any, ...]] = []
    addresses: list[tuple[Any, ...]] = []
    notes: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    tags = _tag_ids({t for r in records for t in r.tags})
    for cid, r in zip(ids, records, strict=True):
        kind = "company" if r.company and r.name == r.company else "person"
        customers.append((cid, kind, r.name, r.reading, r.company, r.department, r.title, *stamp))
        for raw, p in zip(r.phone_raw, r.phones, strict=True):
            phones.append((cid, raw, p.e164, p.national, p.region, *stamp))
        emails.extend((cid, address, *stamp) for address in r.emails)
        if r.address or r.postal_code or r.prefecture:
            line = r.address.removeprefix(r.prefecture) if r.prefecture else r.address
            addresses.append((cid, r.postal_code, r.prefecture, line, *stamp))
        notes.extend((cid, body, "import", *stamp) for body in r.notes)
        links.extend((cid, tid, now, now) for tid in {tags[fold(t)] for t in r.tags})
    base = ["created_at", "updated_at", "version"]
    insert_rows(
        Customer,
        ["id", "kind", "display_name", "reading", "company",
         "department", "title", *base],
        customers,
    )  # fmt: skip
    insert_rows(
        Phone,
        ["customer", "entered", "e164", "national", "region",
         "created_at", "updated_at", "version"],
        phones,
    )  # fmt: skip
    insert_rows(
        Email,
        ["customer", "address", "created_at", "updated_at", "version"],
        emails,
    )
    insert_rows(
        Address,
        ["customer", "postal_code", "prefecture", "line1",
         "created_at", "updated_at", "version"],
        addresses,
    )  # fmt: skip
    insert_rows(
        Note,
        ["customer", "body", "author_name", "created_at", "updated_at",
         "version"],
        notes,
    )  # fmt: skip
    insert_rows(
        CustomerTag,
        ["customer", "tag", "created_at", "updated_at"],
        links,
    )
    return ids
