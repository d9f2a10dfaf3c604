"""Write checked records as customers in bulk, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from appliance.core.importing.records import Record
from appliance.core.normalize import fold
from appliance.db.models import Address, Customer, CustomerTag, Email, Note, Phone, Tag, utcnow

_BATCH = 500
_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_TAG_ID: Any = getattr(Tag, "id")  # noqa: B009


def _batches(rows: list[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def _insert(model: Any, fields: Sequence[Any], rows: list[tuple[Any, ...]]) -> None:
    for batch in _batches(rows):
        model.insert_many(batch, fields=list(fields)).execute()


def _tag_ids(names: set[str]) -> dict[str, int]:
    """Folded tag name -> id, creating the tags that do not exist yet."""
    now = utcnow()
    existing = _tag_table()
    missing = {fold(n): n for n in names if fold(n) not in existing}
    _insert(
        Tag,
        [Tag.name, Tag.key, Tag.created_at, Tag.updated_at, Tag.version],
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
    base = [Customer.created_at, Customer.updated_at, Customer.version]
    _insert(
        Customer,
        [_ID, Customer.kind, Customer.display_name, Customer.reading, Customer.company,
         Customer.department, Customer.title, *base],
        customers,
    )  # fmt: skip
    _insert(
        Phone,
        [Phone.customer, Phone.entered, Phone.e164, Phone.national, Phone.region,
         Phone.created_at, Phone.updated_at, Phone.version],
        phones,
    )  # fmt: skip
    _insert(
        Email,
        [Email.customer, Email.address, Email.created_at, Email.updated_at, Email.version],
        emails,
    )
    _insert(
        Address,
        [Address.customer, Address.postal_code, Address.prefecture, Address.line1,
         Address.created_at, Address.updated_at, Address.version],
        addresses,
    )  # fmt: skip
    _insert(
        Note,
        [Note.customer, Note.body, Note.author_name, Note.created_at, Note.updated_at,
         Note.version],
        notes,
    )  # fmt: skip
    _insert(
        CustomerTag,
        [CustomerTag.customer, CustomerTag.tag, CustomerTag.created_at, CustomerTag.updated_at],
        links,
    )
    return ids
