"""Segment routes: condition search ('orders >= 3 and prefecture = 大阪府') and saved queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from appliance.api import views
from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.contract import SavedSegmentIn, SavedSegmentOut, SegmentOut
from appliance.core.access.sessions import Caller
from appliance.core.actor import Actor
from appliance.core.errors import NotFound
from appliance.core.segments import parse_segment, segment_query
from appliance.core.settings import get_setting, set_setting
from appliance.db.models import Customer, database_proxy

if TYPE_CHECKING:
    from appliance.api.server import ApiState

SAVED_KEY = "_saved_segments"  # internal setting: a list of {id, name, query}


def _segment(q: str, limit: int) -> SegmentOut:
    query = segment_query(parse_segment(q))
    ids = [int(c.id) for c in query.select(Customer.id).limit(limit)]
    return SegmentOut(query=q, count=query.count(), customers=views.summaries(ids))


def _saved() -> list[SavedSegmentOut]:
    return [SavedSegmentOut.model_validate(s) for s in get_setting(SAVED_KEY, [])]


def _save(actor: Actor, body: SavedSegmentIn) -> SavedSegmentOut:
    parse_segment(body.query)  # InvalidInput says what is wrong with it
    with database_proxy.atomic():
        saved = _saved()
        row = SavedSegmentOut(id=max((s.id for s in saved), default=0) + 1, **body.model_dump())
        set_setting(actor, SAVED_KEY, [s.model_dump() for s in [*saved, row]])
    return row


def _forget(actor: Actor, segment_id: int) -> None:
    with database_proxy.atomic():
        saved = _saved()
        kept = [s for s in saved if s.id != segment_id]
        if len(kept) == len(saved):
            raise NotFound(f"見つかりません / saved segment #{segment_id} not found")
        set_setting(actor, SAVED_KEY, [s.model_dump() for s in kept])


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
        result: SegmentOut = await run(_segment, q, limit)
        return result

    @api.get("/segments/saved")
    async def saved(_: Caller = who) -> list[SavedSegmentOut]:
        """The kept condition searches."""
        result: list[SavedSegmentOut] = await run(_saved)
        return result

    @api.post("/segments/saved", status_code=201)
    async def save(body: SavedSegmentIn, c: Caller = who) -> SavedSegmentOut:
        """Keep a condition search under a name (its query is checked first)."""
        result: SavedSegmentOut = await run(_save, c.actor, body)
        return result

    @api.delete("/segments/saved/{segment_id}", status_code=204)
    async def forget(segment_id: RowId, c: Caller = who) -> None:
        """Drop a kept condition search."""
        await run(_forget, c.actor, segment_id)

    return api
