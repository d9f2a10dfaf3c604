"""Write checked records as customers in bulk, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from appliance.contract.search_keys import address_texts, fold, name_texts, phone_texts
from appliance.core.importing.records import AddressEntry, Record
from appliance.db.bulk import insert_rows
from appliance.db.connection import sql_datetime
from appliance.db.models import Address, Customer, CustomerTag, Email, Note, Phone, Tag, utcnow
from appliance.db.search_index import IndexRow, index_row, with_more_other

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


def _record_tag_ids(record: Record, tags: dict[str, int]) -> list[int]:
    """The record's distinct tag ids, lowest first (the order the index reads them back)."""
    return sorted({tags[fold(t)] for t in record.tags})


def _names(r: Record) -> list[str]:
    return name_texts(r.name, r.reading, r.company)


def _untagged_other(r: Record) -> list[str]:
    """The record's other searchable parts in build_docs' order, all but its tags (last)."""
    other = [r.department, r.title]
    for raw, p in zip(r.phone_raw, r.phones, strict=True):
        other.extend(phone_texts(p.e164, p.national, raw))
    other.extend(r.emails)
    for a in r.addresses:
        other.extend(
            address_texts(a.postal_code, a.prefecture, a.city, a.line1, a.line2, a.delivery_notes)
        )
    other.extend(r.notes)
    return other


def untagged_index_row(r: Record) -> IndexRow:
    """The record's index rows without its tags, which need the tag table (see index_rows)."""
    return index_row(_names(r), _untagged_other(r))


def _tag_names() -> tuple[dict[str, int], dict[int, str]]:
    rows: list[Any] = list(Tag.select(_TAG_ID, Tag.key, Tag.name).tuples())
    return {key: tid for tid, key, _ in rows}, {tid: name for tid, _, name in rows}


def index_rows(
    ids: Sequence[int], checked: Sequence[tuple[Record, IndexRow]]
) -> list[tuple[int, IndexRow]]:
    """The index rows of just-written records from their untagged rows: what a rebuild
    (search.build_docs read back from the rows) would write for those ids."""
    tag_ids, tag_names = _tag_names()
    rows = []
    for cid, (r, untagged) in zip(ids, checked, strict=True):
        tags = [tag_names[tid] for tid in _record_tag_ids(r, tag_ids)] if r.tags else []
        rows.append((cid, with_more_other(untagged, tags) if tags else untagged))
    return rows


def write_records(records: Sequence[Record]) -> list[int]:
    """Insert these records as new customers with their details; returns their ids in order."""
    if not records:
        return []
    now = sql_datetime(utcnow())  # as the adapter stores it, converted once, not per row
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
        customers.append((cid, *_customer_values(r), *stamp))
        for raw, p, label in zip(r.phone_raw, r.phones, r.phone_labels, strict=True):
            phones.append((cid, raw, p.e164, p.national, p.region, label, *stamp))
        emails.extend(
            (cid, address, label, *stamp)
            for address, label in zip(r.emails, r.email_labels, strict=True)
        )
        addresses.extend((cid, *_address_values(a), *stamp) for a in r.addresses)
        notes.extend((cid, body, "import", *stamp) for body in r.notes)
        links.extend((cid, tid, now, now) for tid in _record_tag_ids(r, tags))
    base = ["created_at", "updated_at", "version"]
    insert_rows(Customer, ["id", *CUSTOMER_COLUMNS, *base], customers)
    insert_rows(
        Phone, ["customer", "entered", "e164", "national", "region", "label", *base], phones
    )
    insert_rows(Email, ["customer", "address", "label", *base], emails)
    insert_rows(Address, ["customer", *ADDRESS_COLUMNS, *base], addresses)
    insert_rows(Note, ["customer", "body", "author_name", *base], notes)
    insert_rows(CustomerTag, ["customer", "tag", "created_at", "updated_at"], links)
    return ids


CUSTOMER_COLUMNS = (
    "kind",
    "display_name",
    "reading",
    "company",
    "department",
    "title",
    "gender",
    "birth_date",
    "birthplace",
    "occupation",
    "interests",
    "household",
    "income_band",
    "vip",
    "caution",
    "caution_note",
    "blocked",
)
ADDRESS_COLUMNS = (
    "label",
    "country",
    "postal_code",
    "prefecture",
    "city",
    "line1",
    "line2",
    "delivery_notes",
    "lat",
    "lon",
)


def _customer_values(r: Record) -> tuple[Any, ...]:
    a = r.attributes
    return (
        r.kind,
        r.name,
        r.reading,
        r.company,
        r.department,
        r.title,
        r.gender,
        r.birth_date.isoformat() if r.birth_date else None,
        a.get("birthplace", ""),
        a.get("occupation", ""),
        a.get("interests", ""),
        a.get("household", ""),
        a.get("income_band", ""),
        r.vip,
        r.caution,
        r.caution_note,
        r.blocked,
    )


def _address_values(a: AddressEntry) -> tuple[Any, ...]:
    return (
        a.label,
        a.country,
        a.postal_code,
        a.prefecture,
        a.city,
        a.line1,
        a.line2,
        a.delivery_notes,
        a.lat,
        a.lon,
    )
