"""Delivery zone routes: every desk reads them; a manager sets them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import ZoneIn, ZoneOut, ZonePatch
from appliance.core.access.sessions import Caller
from appliance.core.usecases import zones


def router(state: ApiState) -> APIRouter:
    """The zone routes."""
    api = APIRouter(tags=["zones"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")
    boss = needs(state, "manager")

    @api.get("/zones")
    async def list_zones(_: Caller = who) -> list[ZoneOut]:
        """The shop's delivery zones."""
        result: list[ZoneOut] = await run(zones.listed)
        return result

    @api.post("/zones", status_code=201)
    async def add_zone(body: ZoneIn, c: Caller = boss) -> ZoneOut:
        """A new zone (manager)."""
        result: ZoneOut = await run(zones.add, c.actor, body)
        return result

    @api.patch("/zones/{zone_id}", responses=STALE)
    async def patch_zone(zone_id: RowId, body: ZonePatch, c: Caller = boss) -> ZoneOut:
        """Change a zone's patterns, fee, minimum or minutes; 409 when stale."""
        result: ZoneOut = await run(zones.patch, c.actor, zone_id, body)
        return result

    @api.delete("/zones/{zone_id}", responses=STALE)
    async def delete_zone(
        zone_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = boss
    ) -> ZoneOut:
        """Remove a zone."""
        result: ZoneOut = await run(zones.delete, c.actor, zone_id, version)
        return result

    return api
