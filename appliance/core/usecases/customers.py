"""Customers as desks edit them (db thread): create, versioned edit, delete/undo, contacts."""

from __future__ import annotations

from typing import Any

from appliance.contract import (
    CustomerCard,
    CustomerIn,
    CustomerPatch,
    CustomerSummary,
    InteractionIn,
    TimelineItem,
)
from appliance.core import attributes, contacts, customers, editing, interactions, tags, views
from appliance.core.actor import Actor
from appliance.core.clock import naive_utc
from appliance.core.errors import StaleEdit
from appliance.core.lookup import lookup_by_number
from appliance.core.search import search
from appliance.core.settings import default_region
from appliance.db.models import Customer, database_proxy

_CONTACT_FIELDS = frozenset({"phones", "emails", "addresses", "tags", "custom"})


def create(actor: Actor, body: CustomerIn) -> CustomerCard:
    """A new customer with its contacts, tags and custom values -> its card."""
    fields = body.model_dump(exclude=set(_CONTACT_FIELDS) | {"display_name"})
    with database_proxy.atomic():
        row = customers.create_customer(
            actor,
            body.display_name,
            phones=[(p.number, p.label) for p in body.phones],
            addresses=[a.model_dump() for a in body.addresses],
            tag_names=body.tags,
            **fields,
        )
        for email in body.emails:
            contacts.add_email(actor, int(row.id), email.address, label=email.label)
        for key, value in body.custom.items():
            attributes.set_custom_value(actor, int(row.id), key, value)
        return views.card(int(row.id))


def _stale_card(exc: StaleEdit, customer_id: int) -> StaleEdit:
    current = views.card(customer_id, include_deleted=True).model_dump(mode="json")
    return StaleEdit(exc.entity, exc.row_id, exc.expected, current)


def patch(actor: Actor, customer_id: int, body: CustomerPatch) -> CustomerCard:
    """A versioned edit (fields, tags, custom values) -> the card; StaleEdit holds it as now."""
    given = body.model_dump(exclude_unset=True, exclude={"version", "tags", "custom"})
    changes = {k: v for k, v in given.items() if v is not None or k == "birth_date"}
    try:
        with database_proxy.atomic():
            customers.update_customer(actor, customer_id, body.version, **changes)
            if body.tags is not None:
                _replace_tags(actor, customer_id, body.tags)
            for key, value in (body.custom or {}).items():
                attributes.set_custom_value(actor, customer_id, key, value)
    except StaleEdit as exc:
        raise _stale_card(exc, customer_id) from None
    return views.card(customer_id)


def _replace_tags(actor: Actor, customer_id: int, wanted: list[str]) -> None:
    have = set(tags.tags_of(customer_id))
    for name in have - set(wanted):
        tags.untag_customer(actor, customer_id, name)
    for name in wanted:
        if name not in have:
            tags.tag_customer(actor, customer_id, name)


def delete(actor: Actor, customer_id: int, version: int) -> CustomerCard:
    """Soft-delete at `version` -> the card as deleted."""
    try:
        customers.delete_customer(actor, customer_id, version)
    except StaleEdit as exc:
        raise _stale_card(exc, customer_id) from None
    return views.card(customer_id, include_deleted=True)


def restore(actor: Actor, customer_id: int) -> CustomerCard:
    """Undo a delete -> the card."""
    customers.restore_customer(actor, customer_id)
    return views.card(customer_id)


def find(q: str, limit: int) -> list[CustomerSummary]:
    """As-you-type search -> result lines, best first."""
    return views.summaries([h.customer_id for h in search(q, limit)]) if q.strip() else []


def lookup(number: str) -> list[CustomerSummary]:
    """Every customer on this number (read in the box region) -> result lines."""
    return views.summaries([int(c.id) for c in lookup_by_number(number, default_region())])


def add_contact(kind: str, actor: Actor, customer_id: int, body: Any) -> CustomerCard:
    """Add a phone, email or address (`kind`) -> the card."""
    if kind == "phone":
        contacts.add_phone(actor, customer_id, body.number, label=body.label)
    elif kind == "email":
        contacts.add_email(actor, customer_id, body.address, label=body.label)
    else:
        contacts.add_address(actor, customer_id, **body.model_dump())
    return views.card(customer_id)


def log_interaction(actor: Actor, customer_id: int, body: InteractionIn) -> TimelineItem:
    """Record a manual contact (email, fax, visit...) -> its timeline line."""
    row = interactions.log_interaction(
        actor,
        customer_id,
        body.kind,
        body.summary,
        direction=body.direction,
        occurred_at=naive_utc(body.occurred_at),
        time_spent_s=body.time_spent_s,
    )
    return TimelineItem(
        at=row.occurred_at,
        kind=row.kind,
        direction=row.direction,
        summary=row.summary,
        ref=row.id,
        by=actor.name,
        time_spent_s=row.time_spent_s,
    )


def card_version(customer_id: int) -> int:
    """The customer's version now (deleted customers too), for the `customer` event."""
    return int(editing.get_row(Customer, customer_id, include_deleted=True).version)
