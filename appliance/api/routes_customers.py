"""Customer routes: search, lookup, card, create, versioned edit, delete/undo, contacts, history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.state import ApiState
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
from appliance.core import views
from appliance.core.access.sessions import Caller
from appliance.core.usecases import cards_for_role as for_role
from appliance.core.usecases import customers

RowId = Annotated[int, Path(ge=1, le=2**53)]


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
        result: list[CustomerSummary] = await run(customers.find, q, limit)
        return result

    @api.get("/customers/lookup")
    async def lookup(
        number: Annotated[str, Query(min_length=1, max_length=64)], _: Caller = who
    ) -> list[CustomerSummary]:
        """Every live customer on this number (several for a shared one)."""
        result: list[CustomerSummary] = await run(customers.lookup, number)
        return result

    @api.get("/customers/{customer_id}")
    async def get_card(customer_id: RowId, c: Caller = who) -> CustomerCard:
        """The customer's card (without the fields hidden from the caller's role); the opening
        is logged (who, when, which desk)."""
        result: CustomerCard = await run(for_role.card, c.role, c.actor, customer_id)
        return result

    @api.post("/customers", status_code=201)
    async def create(body: CustomerIn, c: Caller = who) -> CustomerCard:
        """A new customer with its first contacts."""
        return changed(await run(for_role.create, c.role, c.actor, body))

    @api.patch("/customers/{customer_id}", responses=STALE)
    async def patch(customer_id: RowId, body: CustomerPatch, c: Caller = who) -> CustomerCard:
        """Change fields; 409 StaleOut (with the current card) when the version is old, 403 for
        a field the caller's role may not change."""
        return changed(await run(for_role.patch, c.role, c.actor, customer_id, body))

    @api.delete("/customers/{customer_id}", responses=STALE)
    async def delete(
        customer_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = who
    ) -> CustomerCard:
        """Soft delete (undo with restore); the card comes back marked deleted."""
        return changed(
            await run(for_role.as_role, c.role, customers.delete, c.actor, customer_id, version)
        )

    @api.post("/customers/{customer_id}/restore")
    async def restore(customer_id: RowId, c: Caller = who) -> CustomerCard:
        """Undo a delete."""
        return changed(await run(for_role.as_role, c.role, customers.restore, c.actor, customer_id))

    @api.post("/customers/{customer_id}/phones", status_code=201)
    async def add_phone(customer_id: RowId, body: PhoneIn, c: Caller = who) -> CustomerCard:
        """Add a number (any form; stored as E.164 plus national digits)."""
        return changed(
            await run(
                for_role.as_role, c.role, customers.add_contact, "phone", c.actor, customer_id, body
            )
        )

    @api.post("/customers/{customer_id}/emails", status_code=201)
    async def add_email(customer_id: RowId, body: EmailIn, c: Caller = who) -> CustomerCard:
        """Add an email address."""
        return changed(
            await run(
                for_role.as_role, c.role, customers.add_contact, "email", c.actor, customer_id, body
            )
        )

    @api.post("/customers/{customer_id}/addresses", status_code=201)
    async def add_address(customer_id: RowId, body: AddressIn, c: Caller = who) -> CustomerCard:
        """Add a postal address."""
        return changed(
            await run(
                for_role.as_role,
                c.role,
                customers.add_contact,
                "address",
                c.actor,
                customer_id,
                body,
            )
        )

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
        item: TimelineItem = await run(customers.log_interaction, c.actor, customer_id, body)
        version = await run(customers.card_version, customer_id)
        state.hub.publish("customer", {"customer_id": customer_id, "version": version})
        return item

    return api
