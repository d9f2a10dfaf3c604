"""Change stream routes: committed changes after an audit seq, and table pages for a new replica.

Only paired desks reach them (PinnedOnly) and only with a logged-in session; what each role
reads of them is appliance.core.access.roles (admin tables for admins only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from appliance.api.deps import TOO_LOW, needs, runner
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract.fields import MAX_ID
from appliance.core import changefeed
from appliance.core.access.roles import may_read_table
from appliance.core.access.sessions import Caller

UNKNOWN = "複製できない表です / not a replicated table: {table}"


def router(state: ApiState) -> APIRouter:
    """GET /changes, /changes/tables and /changes/table/{table}."""
    api = APIRouter(tags=["changes"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/changes")
    async def changes(
        since: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=changefeed.PAGE)] = changefeed.PAGE,
        c: Caller = who,
    ) -> dict[str, Any]:
        out: dict[str, Any] = await run(changefeed.changes_since, since, limit, c.role)
        return out

    @api.get("/changes/tables")
    async def tables(c: Caller = who) -> dict[str, Any]:
        return {"tables": changefeed.tables_for(c.role), "head": await run(changefeed.head)}

    @api.get("/changes/table/{table}")
    async def table(
        table: str,
        after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=changefeed.PAGE)] = changefeed.PAGE,
        c: Caller = who,
    ) -> dict[str, Any]:
        if table not in changefeed.TABLES:
            raise HTTPException(404, UNKNOWN.format(table=table))
        if not may_read_table(c.role, table):
            raise HTTPException(403, TOO_LOW.format(role="admin"))
        out: dict[str, Any] = await run(changefeed.table_page, table, after, limit, c.role)
        return out

    return api
