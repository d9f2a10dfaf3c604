"""Contact routes: edit, remove and restore one phone, email or address of a customer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.state import ApiState
from appliance.contract import AddressPatch, CustomerCard, EmailPatch, PhonePatch
from appliance.core.access.sessions import Caller
from appliance.core.usecases import cards_for_role as for_role
from appliance.core.usecases import contacts

RowId = Annotated[int, Path(ge=1, le=2**53)]
VersionQ = Annotated[int, Query(ge=0, le=2**53)]


def router(state: ApiState) -> APIRouter:
    """The contact-row routes (operator and up); each answers with the customer's card."""
    api = APIRouter(tags=["customers"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    def changed(card: CustomerCard) -> CustomerCard:
        # the customer's own version does not move: every desk showing it reloads
        state.hub.publish("customer", {"customer_id": card.id, "version": None})
        return card

    @api.patch("/customers/{customer_id}/phones/{row_id}", responses=STALE)
    async def edit_phone(
        customer_id: RowId, row_id: RowId, body: PhonePatch, c: Caller = who
    ) -> CustomerCard:
        """Change a number or its label; 409 StaleOut (the current card) when the version is old."""
        return changed(
            await run(
                for_role.as_role, c.role, contacts.edit, "phone", c.actor, customer_id, row_id, body
            )
        )

    @api.patch("/customers/{customer_id}/emails/{row_id}", responses=STALE)
    async def edit_email(
        customer_id: RowId, row_id: RowId, body: EmailPatch, c: Caller = who
    ) -> CustomerCard:
        """Change an email address or its label."""
        return changed(
            await run(
                for_role.as_role, c.role, contacts.edit, "email", c.actor, customer_id, row_id, body
            )
        )

    @api.patch("/customers/{customer_id}/addresses/{row_id}", responses=STALE)
    async def edit_address(
        customer_id: RowId, row_id: RowId, body: AddressPatch, c: Caller = who
    ) -> CustomerCard:
        """Change parts of an address, its label or its delivery notes."""
        return changed(
            await run(
                for_role.as_role,
                c.role,
                contacts.edit,
                "address",
                c.actor,
                customer_id,
                row_id,
                body,
            )
        )

    @api.delete("/customers/{customer_id}/phones/{row_id}", responses=STALE)
    async def remove_phone(
        customer_id: RowId, row_id: RowId, version: VersionQ, c: Caller = who
    ) -> CustomerCard:
        """Remove a number (undo with restore)."""
        return changed(
            await run(
                for_role.as_role,
                c.role,
                contacts.remove,
                "phone",
                c.actor,
                customer_id,
                row_id,
                version,
            )
        )

    @api.delete("/customers/{customer_id}/emails/{row_id}", responses=STALE)
    async def remove_email(
        customer_id: RowId, row_id: RowId, version: VersionQ, c: Caller = who
    ) -> CustomerCard:
        """Remove an email address (undo with restore)."""
        return changed(
            await run(
                for_role.as_role,
                c.role,
                contacts.remove,
                "email",
                c.actor,
                customer_id,
                row_id,
                version,
            )
        )

    @api.delete("/customers/{customer_id}/addresses/{row_id}", responses=STALE)
    async def remove_address(
        customer_id: RowId, row_id: RowId, version: VersionQ, c: Caller = who
    ) -> CustomerCard:
        """Remove an address (undo with restore)."""
        return changed(
            await run(
                for_role.as_role,
                c.role,
                contacts.remove,
                "address",
                c.actor,
                customer_id,
                row_id,
                version,
            )
        )

    @api.post("/customers/{customer_id}/phones/{row_id}/restore")
    async def restore_phone(customer_id: RowId, row_id: RowId, c: Caller = who) -> CustomerCard:
        """Undo a number's removal."""
        return changed(
            await run(
                for_role.as_role, c.role, contacts.restore, "phone", c.actor, customer_id, row_id
            )
        )

    @api.post("/customers/{customer_id}/emails/{row_id}/restore")
    async def restore_email(customer_id: RowId, row_id: RowId, c: Caller = who) -> CustomerCard:
        """Undo an email address's removal."""
        return changed(
            await run(
                for_role.as_role, c.role, contacts.restore, "email", c.actor, customer_id, row_id
            )
        )

    @api.post("/customers/{customer_id}/addresses/{row_id}/restore")
    async def restore_address(customer_id: RowId, row_id: RowId, c: Caller = who) -> CustomerCard:
        """Undo an address's removal."""
        return changed(
            await run(
                for_role.as_role, c.role, contacts.restore, "address", c.actor, customer_id, row_id
            )
        )

    return api
