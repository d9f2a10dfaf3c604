"""Customer routes: search, lookup, card, create, versioned edit, delete/undo, contacts, history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Path, Query

from appliance.api import views
from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.timefmt import naive_utc
from appliance.contract import (
    AddressIn,
    CustomerCard,
    CustomerIn,
    CustomerPatch,
    CustomerSummary,
    EmailIn,
    InteractionIn,
    PhoneIn,
    TimelineItem,
)
from appliance.core import attributes, contacts, customers, editing, interactions, tags
from appliance.core.access.sessions import Caller
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.core.lookup import lookup_by_number
from appliance.core.search import search
from appliance.core.settings import default_region
from appliance.db.models import Customer, database_proxy

if TYPE_CHECKING:
    from appliance.api.server import ApiState

RowId = Annotated[int, Path(ge=1, le=2**53)]
_CONTACT_FIELDS = frozenset({"phones", "emails", "addresses", "tags", "custom"})


def _create(actor: Actor, body: CustomerIn) -> CustomerCard:
    fields = body.model_dump(exclude=set(_CONTACT_FIELDS) | {"display_name"})
    with database_proxy.atomic():
        row = customers.create_customer(
            actor, body.display_name,
            phones=[(p.number, p.label) for p in body.phones],
            addresses=[a.model_dump() for a in body.addresses], tag_names=body.tags, **fields,
        )  # fmt: skip
        for email in body.emails:
            contacts.add_email(actor, int(row.id), email.address, label=email.label)
        for key, value in body.custom.items():
            attributes.set_custom_value(actor, int(row.id), key, value)
        return views.card(int(row.id))


def _stale_card(exc: StaleEdit, customer_id: int) -> StaleEdit:
    current = views.card(customer_id, include_deleted=True).model_dump(mode="json")
    return StaleEdit(exc.entity, exc.row_id, exc.expected, current)


def _patch(actor: Actor, customer_id: int, body: CustomerPatch) -> CustomerCard:
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


def _delete(actor: Actor, customer_id: int, version: int) -> CustomerCard:
    try:
        customers.delete_customer(actor, customer_id, version)
    except StaleEdit as exc:
        raise _stale_card(exc, customer_id) from None
    return views.card(customer_id, include_deleted=True)


def _restore(actor: Actor, customer_id: int) -> CustomerCard:
    customers.restore_customer(actor, customer_id)
    return views.card(customer_id)


def _search(q: str, limit: int) -> list[CustomerSummary]:
    return views.summaries([h.customer_id for h in search(q, limit)]) if q.strip() else []


def _lookup(number: str) -> list[CustomerSummary]:
    return views.summaries([int(c.id) for c in lookup_by_number(number, default_region())])


def _add_contact(kind: str, actor: Actor, customer_id: int, body: Any) -> CustomerCard:
    if kind == "phone":
        contacts.add_phone(actor, customer_id, body.number, label=body.label)
    elif kind == "email":
        contacts.add_email(actor, customer_id, body.address, label=body.label)
    else:
        contacts.add_address(actor, customer_id, **body.model_dump())
    return views.card(customer_id)


def _interaction(actor: Actor, customer_id: int, body: InteractionIn) -> TimelineItem:
    row = interactions.log_interaction(
        actor, customer_id, body.kind, body.summary, direction=body.direction,
        occurred_at=naive_utc(body.occurred_at), time_spent_s=body.time_spent_s,
    )  # fmt: skip
    return TimelineItem(at=row.occurred_at, kind=row.kind, direction=row.direction,
                        summary=row.summary, ref=row.id, by=actor.name,
                        time_spent_s=row.time_spent_s)  # fmt: skip


def _version(customer_id: int) -> int:
    return int(editing.get_row(Customer, customer_id, include_deleted=True).version)


def router(state: ApiState) -> APIRouter:
    """The customer routes (operator and up)."""
    api = APIRouter(tags=["customers"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    def changed(card: CustomerCard) -> CustomerCard:
        state.hub.publish("customer", {"customer_id": card.id, "version": card.version})
        return card

    @api.get("/customers/search")
    async def search_customers(
        q: Annotated[str, Query(max_length=100)] = "",
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        _: Caller = who,
    ) -> list[CustomerSummary]:
        """As-you-type search over names, readings, company, phones, addresses and notes."""
        result: list[CustomerSummary] = await run(_search, q, limit)
        return result

    @api.get("/customers/lookup")
    async def lookup(
        number: Annotated[str, Query(min_length=1, max_length=64)], _: Caller = who
    ) -> list[CustomerSummary]:
        """Every live customer on this number (several for a shared one)."""
        result: list[CustomerSummary] = await run(_lookup, number)
        return result

    @api.get("/customers/{customer_id}")
    async def get_card(customer_id: RowId, _: Caller = who) -> CustomerCard:
        """The customer's card."""
        result: CustomerCard = await run(views.card, customer_id)
        return result

    @api.post("/customers", status_code=201)
    async def create(body: CustomerIn, c: Caller = who) -> CustomerCard:
        """A new customer with its first contacts."""
        return changed(await run(_create, c.actor, body))

    @api.patch("/customers/{customer_id}", responses=STALE)
    async def patch(customer_id: RowId, body: CustomerPatch, c: Caller = who) -> CustomerCard:
        """Change fields; 409 StaleOut (with the current card) when the version is old."""
        return changed(await run(_patch, c.actor, customer_id, body))

    @api.delete("/customers/{customer_id}", responses=STALE)
    async def delete(
        customer_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = who
    ) -> CustomerCard:
        """Soft delete (undo with restore); the card comes back marked deleted."""
        return changed(await run(_delete, c.actor, customer_id, version))

    @api.post("/customers/{customer_id}/restore")
    async def restore(customer_id: RowId, c: Caller = who) -> CustomerCard:
        """Undo a delete."""
        return changed(await run(_restore, c.actor, customer_id))

    @api.post("/customers/{customer_id}/phones", status_code=201)
    async def add_phone(customer_id: RowId, body: PhoneIn, c: Caller = who) -> CustomerCard:
        """Add a number (any form; stored as E.164 plus national digits)."""
        return changed(await run(_add_contact, "phone", c.actor, customer_id, body))

    @api.post("/customers/{customer_id}/emails", status_code=201)
    async def add_email(customer_id: RowId, body: EmailIn, c: Caller = who) -> CustomerCard:
        """Add an email address."""
        return changed(await run(_add_contact, "email", c.actor, customer_id, body))

    @api.post("/customers/{customer_id}/addresses", status_code=201)
    async def add_address(customer_id: RowId, body: AddressIn, c: Caller = who) -> CustomerCard:
        """Add a postal address."""
        return changed(await run(_add_contact, "address", c.actor, customer_id, body))

    @api.get("/customers/{customer_id}/timeline")
    async def get_timeline(
        customer_id: RowId, limit: Annotated[int, Query(ge=1, le=500)] = 50, _: Caller = who
    ) -> list[TimelineItem]:
        """Calls, notes, orders and manual interactions, newest first."""
        result: list[TimelineItem] = await run(views.timeline, customer_id, limit)
        return result

    @api.post("/customers/{customer_id}/interactions", status_code=201)
    async def add_interaction(
        customer_id: RowId, body: InteractionIn, c: Caller = who
    ) -> TimelineItem:
        """Record an email, fax, visit, SMS, letter or web contact."""
        item: TimelineItem = await run(_interaction, c.actor, customer_id, body)
        state.hub.publish("customer", {"customer_id": customer_id,
                                       "version": await run(_version, customer_id)})  # fmt: skip
        return item

    return api
