"""Every live customer as plain values, field by field, without what a box assigns itself
(ids, timestamps, the as-typed form of a number): what an export and an import must keep."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from appliance.core.importing.phones import split_extension
from appliance.core.importing.writing import ADDRESS_COLUMNS, CUSTOMER_COLUMNS
from appliance.db.models import (
    Address,
    Customer,
    CustomerTag,
    CustomFieldDef,
    CustomFieldValue,
    Email,
    Note,
    Phone,
    Tag,
)

CUSTOMER_FIELDS = CUSTOMER_COLUMNS  # compared as the import writes them
_ADDRESS = ADDRESS_COLUMNS
Snapshot = dict[str, Any]
_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


def _details(model: Any, *fields: Any) -> dict[int, list[tuple[Any, ...]]]:
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    query: Any = (
        model.select(model.customer, *fields)
        .where(model.deleted_at.is_null())
        .order_by(getattr(model, "id"))  # noqa: B009
        .tuples()
    )
    for cid, *rest in query.iterator():
        out[cid].append(tuple(rest))
    return out


def snapshots(notes: str = "full") -> list[Snapshot]:
    """One dict per live customer in id order (its phones, e-mails, addresses and notes in the
    order they were added; tags sorted; custom fields by key). notes: "full" (body, author,
    pinned, time spent, written at), "bodies" (what a vCard's NOTE keeps) or "none"."""
    phones = _details(Phone, Phone.e164, Phone.national, Phone.region, Phone.label, Phone.entered)
    emails = _details(Email, Email.address, Email.label)
    addresses = _details(Address, *(getattr(Address, f) for f in _ADDRESS))
    written = (
        _details(Note, Note.body, Note.author_name, Note.pinned, Note.time_spent_s, Note.created_at)
        if notes != "none"
        else {}
    )
    tags: dict[int, list[str]] = defaultdict(list)
    tag_rows: Any = CustomerTag.select(CustomerTag.customer, Tag.name).join(Tag).tuples()
    for cid, name in tag_rows.iterator():
        tags[cid].append(name)
    custom: dict[int, dict[str, str]] = defaultdict(dict)
    value_rows: Any = (
        CustomFieldValue.select(
            CustomFieldValue.customer, CustomFieldDef.key, CustomFieldValue.value
        )
        .join(CustomFieldDef)
        .where(CustomFieldDef.deleted_at.is_null() & (CustomFieldValue.value != ""))
        .tuples()
    )
    for cid, key, value in value_rows.iterator():
        custom[cid][key] = value
    customers: Any = (
        Customer.select(_ID, *(getattr(Customer, f) for f in CUSTOMER_FIELDS))
        .where(Customer.deleted_at.is_null())
        .order_by(_ID)
        .tuples()
    )
    out = []
    for cid, *values in customers.iterator():
        snap: Snapshot = dict(zip(CUSTOMER_FIELDS, values, strict=True))
        snap["vip"], snap["caution"], snap["blocked"] = (
            bool(snap["vip"]),
            bool(snap["caution"]),
            bool(snap["blocked"]),
        )
        snap["phones"] = [
            (e164, national, region, label, split_extension(entered)[1])
            for e164, national, region, label, entered in phones.get(cid, [])
        ]
        snap["emails"] = emails.get(cid, [])
        snap["addresses"] = addresses.get(cid, [])
        snap["tags"] = sorted(tags.get(cid, []))
        snap["custom"] = custom.get(cid, {})
        if notes == "full":
            snap["notes"] = [
                (body, author, bool(pinned), spent, at)
                for body, author, pinned, spent, at in written.get(cid, [])
            ]
        elif notes == "bodies":
            snap["notes"] = [body for body, *_ in written.get(cid, [])]
        out.append(snap)
    return out


def differences(before: Sequence[Snapshot], after: Sequence[Snapshot]) -> tuple[int, set[str]]:
    """(customers equal field for field, names of the fields that differed anywhere); the
    two lists are matched in order, a missing customer counting every field lost."""
    same, lost = 0, set()
    for i, snap in enumerate(before):
        other = after[i] if i < len(after) else {}
        differing = {k for k, v in snap.items() if other.get(k) != v}
        lost |= differing
        same += not differing
    return same, lost
