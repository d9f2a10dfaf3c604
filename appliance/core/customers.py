"""Customer use cases: create, read, edit (versioned), delete and undo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from appliance.core import attributes, contacts, editing, tags
from appliance.core.actor import Actor
from appliance.core.audit import row_to_dict
from appliance.core.errors import InvalidInput
from appliance.core.indexing import customers_changed
from appliance.core.text import clean
from appliance.db.models import Address, Customer, Email, Phone
from appliance.db.models.people import CUSTOMER_KINDS

_TEXT_FIELDS = ("display_name", "reading", "company", "department", "title")
EDITABLE = (*_TEXT_FIELDS, "kind", "caution_note")
SEARCHED = frozenset(_TEXT_FIELDS)  # the fields appliance.db.search indexes


def _check_core(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for name in _TEXT_FIELDS:
        if name in out:
            out[name] = clean(out[name])
    if "kind" in out and out["kind"] not in CUSTOMER_KINDS:
        raise InvalidInput(f"種別が不正です / kind must be person or company, not {out['kind']!r}")
    if "display_name" in out and not out["display_name"]:
        raise InvalidInput("名前が空です / the name is empty")
    return out


def create_customer(
    actor: Actor,
    display_name: str,
    *,
    phones: Iterable[str | tuple[str, str]] = (),
    emails: Iterable[str] = (),
    addresses: Iterable[dict[str, Any]] = (),
    tag_names: Iterable[str] = (),
    **fields: Any,
) -> Customer:
    """A new customer with its phones ("number" or (number, label)), emails, addresses, tags."""
    core = {k: v for k, v in fields.items() if k in EDITABLE}
    attrs = {k: v for k, v in fields.items() if k not in EDITABLE}
    values = _check_core({"display_name": display_name, **core})
    values.update(attributes.check_attributes(attrs))
    db = Customer._meta.database
    with db.atomic():
        customer = editing.create(actor, Customer, **values)
        for phone in phones:
            number, label = (phone, "") if isinstance(phone, str) else phone
            contacts.add_phone(actor, customer.id, number, label=label)
        for email in emails:
            contacts.add_email(actor, customer.id, email)
        for address in addresses:
            contacts.add_address(actor, customer.id, **address)
        for name in tag_names:
            tags.tag_customer(actor, customer.id, name)
        customers_changed(customer.id)
    return customer


def get_customer(customer_id: int, *, include_deleted: bool = False) -> Customer:
    """The customer row; NotFound if missing or deleted."""
    return editing.get_row(Customer, customer_id, include_deleted=include_deleted)


def update_customer(
    actor: Actor, customer_id: int, expected_version: int, **changes: Any
) -> Customer:
    """Edit names, company, kind, attributes or flags; StaleEdit if someone changed it first."""
    core = _check_core({k: v for k, v in changes.items() if k in EDITABLE})
    core.update(
        attributes.check_attributes({k: v for k, v in changes.items() if k not in EDITABLE})
    )
    with Customer._meta.database.atomic():
        row = editing.update(actor, Customer, customer_id, expected_version, core)
        if SEARCHED.intersection(core):  # attributes and flags are not in the search index
            customers_changed(customer_id)
    return row


def delete_customer(actor: Actor, customer_id: int, expected_version: int) -> Customer:
    """Soft-delete the customer (its history stays; restore_customer undoes it)."""
    with Customer._meta.database.atomic():
        row = editing.soft_delete(actor, Customer, customer_id, expected_version)
        customers_changed(customer_id)
    return row


def restore_customer(actor: Actor, customer_id: int) -> Customer:
    """Undo delete_customer."""
    with Customer._meta.database.atomic():
        row = editing.restore(actor, Customer, customer_id)
        customers_changed(customer_id)
    return row


def customer_card(customer_id: int) -> dict[str, Any]:
    """The customer with live phones, emails, addresses, tags and custom field values."""
    customer = get_customer(customer_id)
    card = row_to_dict(customer)
    card["phones"] = [row_to_dict(p) for p in Phone.live().where(Phone.customer == customer_id)]
    card["emails"] = [row_to_dict(e) for e in Email.live().where(Email.customer == customer_id)]
    card["addresses"] = [
        row_to_dict(a) for a in Address.live().where(Address.customer == customer_id)
    ]
    card["tags"] = tags.tags_of(customer_id)
    card["custom"] = attributes.custom_values(customer_id)
    return card
