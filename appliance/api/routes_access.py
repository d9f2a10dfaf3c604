"""The access log (admins): who looked at or changed a customer, what a user changed, and the
audit chain verified."""

from __future__ import annotations

from fastapi import APIRouter

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract.access_log import AccessEntryOut, ChainOut
from appliance.core import access_log
from appliance.core.access.sessions import Caller


def router(state: ApiState) -> APIRouter:
    """GET /customers/{id}/access, /users/{id}/changes, /audit/verify (admin only)."""
    api = APIRouter(tags=["access log"], responses=ERRORS)
    run = runner(state)
    admin = needs(state, "admin")

    @api.get("/customers/{customer_id}/access")
    async def customer_access(customer_id: RowId, _: Caller = admin) -> list[AccessEntryOut]:
        """Who opened or changed this customer's card, newest first (at most 500)."""
        result: list[AccessEntryOut] = await run(access_log.of_customer, customer_id)
        return result

    @api.get("/users/{user_id}/changes")
    async def user_changes(user_id: RowId, _: Caller = admin) -> list[AccessEntryOut]:
        """What this user changed (field names, not values), newest first (at most 500)."""
        result: list[AccessEntryOut] = await run(access_log.changes_by, user_id)
        return result

    @api.get("/audit/verify")
    async def verify(_: Caller = admin) -> ChainOut:
        """The audit hash chain recomputed now: ok, rows checked, the first bad row."""
        result: ChainOut = await run(access_log.verify)
        return result

    return api
