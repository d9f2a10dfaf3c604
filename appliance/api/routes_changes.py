"""Change stream routes: committed changes after an audit seq, and table pages for a new replica.

Only paired desks reach them (PinnedOnly) and only with a logged-in session (any role)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract.fields import MAX_ID
from appliance.core import changefeed
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
        _: Caller = who,
    ) -> dict[str, Any]:
        out: dict[str, Any] = await run(changefeed.changes_since, since, limit)
        return out

    @api.get("/changes/tables")
    async def tables(_: Caller = who) -> dict[str, Any]:
        return {"tables": list(changefeed.TABLES), "head": await run(changefeed.head)}

    @api.get("/changes/table/{table}")
    async def table(
        table: str,
        after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=changefeed.PAGE)] = changefeed.PAGE,
        _: Caller = who,
    ) -> dict[str, Any]:
        if table not in changefeed.TABLES:
            raise HTTPException(404, UNKNOWN.format(table=table))
        out: dict[str, Any] = await run(changefeed.table_page, table, after, limit)
        return out

    return api
