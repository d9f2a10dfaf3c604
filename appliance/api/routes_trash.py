"""The undo list: customers deleted lately (restore is POST /customers/{id}/restore)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract.trash import DeletedCustomerOut
from appliance.core import trash
from appliance.core.access.sessions import Caller


def router(state: ApiState) -> APIRouter:
    """GET /trash/customers (operator and up)."""
    api = APIRouter(tags=["customers"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/trash/customers")
    async def deleted_customers(
        limit: Annotated[int, Query(ge=1, le=500)] = 100, _: Caller = who
    ) -> list[DeletedCustomerOut]:
        """Deleted customers, newest first, with who deleted each."""
        result: list[DeletedCustomerOut] = await run(trash.deleted_customers, limit)
        return result

    return api
