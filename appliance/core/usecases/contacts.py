"""A customer's phones, emails and addresses as desks edit them (db thread): versioned edit,
remove and undo, each answered with the customer's card."""

from __future__ import annotations

from appliance.contract import AddressPatch, ContactKind, CustomerCard, EmailPatch, PhonePatch
from appliance.core import contacts, views
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.models import database_proxy


def _stale(exc: StaleEdit, customer_id: int) -> StaleEdit:
    """The refusal, carrying the card as it is now (the desk shows the row from it)."""
    return views.restale(exc, views.card(customer_id, include_deleted=True))


def edit(
    kind: ContactKind,
    actor: Actor,
    customer_id: int,
    row_id: int,
    body: PhonePatch | EmailPatch | AddressPatch,
) -> CustomerCard:
    """Change one contact row of the customer at body.version -> the card."""
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    changes = {k: v for k, v in changes.items() if v is not None or k in ("lat", "lon")}
    try:
        with database_proxy.atomic():
            contacts.contact_of(kind, customer_id, row_id)
            if kind == "phone":
                contacts.edit_phone(actor, row_id, body.version, **changes)
            elif kind == "email":
                contacts.edit_email(actor, row_id, body.version, **changes)
            else:
                contacts.edit_address(actor, row_id, body.version, **changes)
    except StaleEdit as exc:
        raise _stale(exc, customer_id) from None
    return views.card(customer_id)


def remove(
    kind: ContactKind, actor: Actor, customer_id: int, row_id: int, version: int
) -> CustomerCard:
    """Remove (soft) one contact row at `version` -> the card without it."""
    try:
        with database_proxy.atomic():
            contacts.contact_of(kind, customer_id, row_id)
            contacts.remove_contact(actor, kind, row_id, version)
    except StaleEdit as exc:
        raise _stale(exc, customer_id) from None
    return views.card(customer_id)


def restore(kind: ContactKind, actor: Actor, customer_id: int, row_id: int) -> CustomerCard:
    """Undo a removal -> the card with the row back."""
    with database_proxy.atomic():
        contacts.contact_of(kind, customer_id, row_id)
        contacts.restore_contact(actor, kind, row_id)
    return views.card(customer_id)
