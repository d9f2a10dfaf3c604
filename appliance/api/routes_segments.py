"""Segment routes: condition search ('orders >= 3 and prefecture = 大阪府') and saved queries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import SavedSegmentIn, SavedSegmentOut, SegmentOut
from appliance.core.access.sessions import Caller
from appliance.core.usecases import segments


def router(state: ApiState) -> APIRouter:
    """The segment routes (operator and up)."""
    api = APIRouter(tags=["segments"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/segments")
    async def segment(
        q: Annotated[str, Query(min_length=1, max_length=1000)],
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        _: Caller = who,
    ) -> SegmentOut:
        """Customers meeting every condition of q (count, and the first `limit`)."""
        result: SegmentOut = await run(segments.segment, q, limit)
        return result

    @api.get("/segments/saved")
    async def saved(_: Caller = who) -> list[SavedSegmentOut]:
        """The kept condition searches."""
        result: list[SavedSegmentOut] = await run(segments.saved_segments)
        return result

    @api.post("/segments/saved", status_code=201)
    async def save(body: SavedSegmentIn, c: Caller = who) -> SavedSegmentOut:
        """Keep a condition search under a name (its query is checked first)."""
        result: SavedSegmentOut = await run(segments.save, c.actor, body)
        return result

    @api.delete("/segments/saved/{segment_id}", status_code=204)
    async def forget(segment_id: RowId, c: Caller = who) -> None:
        """Drop a kept condition search."""
        await run(segments.forget, c.actor, segment_id)

    return api
