"""Customer cards as a role may see and change them (db thread): every use case answering a card
goes through as_role, so a field hidden from the caller's role never leaves the box and an
edit of a field it may not change is refused before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from appliance.contract import CustomerCard, CustomerIn, CustomerPatch
from appliance.core import access_log, views
from appliance.core.access import field_rules
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.core.usecases import customers


def as_role(role: str, fn: Callable[..., CustomerCard], *args: Any) -> CustomerCard:
    """fn(*args)'s card as `role` may see it; a StaleEdit's current card is redacted too."""
    try:
        card = fn(*args)
    except StaleEdit as exc:
        current = field_rules.redact(exc.current, field_rules.rules_of(role))
        raise StaleEdit(exc.entity, exc.row_id, exc.expected, current) from None
    return field_rules.redact_card(card, role)


def card(role: str, actor: Actor, customer_id: int) -> CustomerCard:
    """The card of one customer for `role`, its opening by actor at a desk logged."""
    shown = as_role(role, views.card, customer_id)
    access_log.record_open(actor, customer_id)
    return shown


def create(role: str, actor: Actor, body: CustomerIn) -> CustomerCard:
    """A new customer; Forbidden when it fills a field `role` may not change."""
    field_rules.refuse_edits(role, field_rules.create_fields(body))
    return as_role(role, customers.create, actor, body)


def patch(role: str, actor: Actor, customer_id: int, body: CustomerPatch) -> CustomerCard:
    """A versioned edit; Forbidden (nothing written) when it touches a field `role` may not."""
    field_rules.refuse_edits(role, field_rules.patch_fields(body))
    return as_role(role, customers.patch, actor, customer_id, body)
