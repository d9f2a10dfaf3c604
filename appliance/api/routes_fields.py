"""Custom-field definitions: any desk reads them (to show values on a card); admins keep them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract.custom_fields import CustomFieldIn, CustomFieldOut, CustomFieldPatch
from appliance.core import field_defs
from appliance.core.access.sessions import Caller


def router(state: ApiState) -> APIRouter:
    """GET /fields for every role; add, edit, retire and bring back for admins."""
    api = APIRouter(tags=["fields"], responses=ERRORS)
    run = runner(state)
    who, admin = needs(state, "operator"), needs(state, "admin")

    @api.get("/fields")
    async def list_fields(
        retired: Annotated[bool, Query()] = False, _: Caller = who
    ) -> list[CustomFieldOut]:
        """Definitions in card order (retired ones too when asked)."""
        result: list[CustomFieldOut] = await run(field_defs.list_fields, retired)
        return result

    @api.post("/fields", status_code=201)
    async def add_field(body: CustomFieldIn, c: Caller = admin) -> CustomFieldOut:
        """A new field of a kind: text, number, date, yes/no or choice (with its choices)."""
        result: CustomFieldOut = await run(field_defs.create, c.actor, body)
        return result

    @api.patch("/fields/{field_id}", responses=STALE)
    async def patch_field(
        field_id: RowId, body: CustomFieldPatch, c: Caller = admin
    ) -> CustomFieldOut:
        """Relabel, reorder, change the choices (key and kind stay)."""
        result: CustomFieldOut = await run(field_defs.patch, c.actor, field_id, body)
        return result

    @api.delete("/fields/{field_id}", responses=STALE)
    async def retire_field(
        field_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = admin
    ) -> CustomFieldOut:
        """Retire a field: hidden on every card, its values kept."""
        result: CustomFieldOut = await run(field_defs.retire, c.actor, field_id, version)
        return result

    @api.post("/fields/{field_id}/restore")
    async def restore_field(field_id: RowId, c: Caller = admin) -> CustomFieldOut:
        """Bring a retired field back with its values."""
        result: CustomFieldOut = await run(field_defs.bring_back, c.actor, field_id)
        return result

    return api
