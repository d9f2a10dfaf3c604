"""Call routes: the call log, live calls with their pop, claim, end, hand-off, attach a number."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import (
    ActiveCallOut,
    AttachIn,
    CallOut,
    ClaimRefusedOut,
    HandoffIn,
    PopOut,
)
from appliance.core.access.sessions import Caller
from appliance.core.calls import actions, listing
from appliance.core.calls.actions import ClaimRefused
from appliance.core.clock import naive_utc
from appliance.core.usecases import customers

CLAIM: dict[int | str, dict[str, Any]] = {**ERRORS, 409: {"model": ClaimRefusedOut}}


def _refused(exc: ClaimRefused) -> JSONResponse:
    body = ClaimRefusedOut(
        detail=str(exc), desk_id=exc.desk_id, desk_name=exc.desk_name, user_name=exc.user_name
    )
    return JSONResponse(body.model_dump(), 409)


def router(state: ApiState) -> APIRouter:
    """The call routes (operator and up)."""
    api = APIRouter(tags=["calls"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    def publish(call: CallOut) -> CallOut:
        state.hub.publish("call", call.model_dump(mode="json"))
        return call

    def pop_of(call_id: int) -> PopOut | None:
        return state.hooks.current_pop(call_id) if state.hooks.current_pop is not None else None

    @api.get("/calls")
    async def calls(
        missed: bool | None = None,
        line: Annotated[str | None, Query(max_length=64)] = None,
        desk: Annotated[int | None, Query(ge=1, le=2**53)] = None,
        customer: Annotated[int | None, Query(ge=1, le=2**53)] = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        _: Caller = who,
    ) -> list[CallOut]:
        """The call log, newest first: missed only, one line, one desk, a time range."""
        result: list[CallOut] = await run(
            listing.list_calls,
            missed=missed,
            line=line,
            desk_id=desk,
            customer_id=customer,
            since=naive_utc(since),
            until=naive_utc(until),
            limit=limit,
        )
        return result

    @api.get("/calls/active")
    async def active(_: Caller = who) -> list[ActiveCallOut]:
        """Calls ringing or in progress, each with its current pop."""
        live: list[CallOut] = await run(listing.list_calls, live=True, limit=50)
        return [ActiveCallOut(**c.model_dump(), pop=pop_of(c.id)) for c in live]

    @api.get("/calls/{call_id}")
    async def get_call(call_id: RowId, _: Caller = who) -> CallOut:
        """One call."""
        result: CallOut = await run(listing.call_out, call_id)
        return result

    @api.post("/calls/{call_id}/claim", responses=CLAIM, response_model=CallOut)
    async def claim(call_id: RowId, c: Caller = who) -> Any:
        """ "I'll take it": exactly one desk wins; the others get 409 naming who has it."""
        try:
            return publish(await run(actions.claim, c.actor, call_id))
        except ClaimRefused as exc:
            return _refused(exc)

    @api.post("/calls/{call_id}/end")
    async def end(call_id: RowId, c: Caller = who) -> CallOut:
        """The end-of-call key: the call is over now, with its length (a call already over is
        returned as it is)."""
        call: CallOut = await run(actions.end, c.actor, call_id)
        if state.hooks.call_ended is not None:
            state.hooks.call_ended(call_id)
        return publish(call)

    @api.post("/calls/{call_id}/handoff", responses=CLAIM, response_model=CallOut)
    async def handoff(call_id: RowId, body: HandoffIn, c: Caller = who) -> Any:
        """Hand the card to another desk (its operator claims it next)."""
        try:
            return publish(await run(actions.handoff, c.actor, call_id, body.desk_id))
        except ClaimRefused as exc:
            return _refused(exc)

    @api.post("/calls/{call_id}/attach")
    async def attach(call_id: RowId, body: AttachIn, c: Caller = who) -> CallOut:
        """Add an unknown caller's number to a customer and link the call (audited)."""
        call: CallOut = await run(actions.attach, c.actor, call_id, body.customer_id, body.label)
        version = await run(customers.card_version, body.customer_id)
        state.hub.publish("customer", {"customer_id": body.customer_id, "version": version})
        return publish(call)

    return api
