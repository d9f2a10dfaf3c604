"""Analysis routes: overview, breakdowns, lists (and call lists made of them), drill-down —
managers whose role carries `reports` — and NPS answers from any operator."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract.analysis import (
    AnalysisBreakdownsOut,
    AnalysisListOut,
    AnalysisOverviewOut,
    CallListMadeOut,
    CallListNameIn,
    DrillOut,
    NpsIn,
    NpsOut,
)
from appliance.core.access.sessions import Caller
from appliance.core.analysis import access, desk, drill, nps

Month = Annotated[str, Query(pattern=r"^\d{4}-\d{1,2}$")]
Limit = Annotated[int, Query(ge=1, le=5000)]


def router(state: ApiState) -> APIRouter:
    """The analysis routes (manager and up, with the reports permission)."""
    api = APIRouter(tags=["analysis"], responses=ERRORS)
    run = runner(state)
    manager = needs(state, "manager")
    who = needs(state, "operator")

    async def reports(c: Caller, fn: Any, *args: Any) -> Any:
        def checked() -> Any:
            access.require_reports(c.user_id)
            return fn(*args)

        try:
            return await run(checked)
        except access.NotPermitted as exc:
            raise HTTPException(403, str(exc)) from None

    @api.get("/analysis/overview")
    async def overview(refresh: bool = False, c: Caller = manager) -> AnalysisOverviewOut:
        """Monthly KPIs with trend, cohorts, ranks, dormant and due counts (kept 15 min)."""
        result: AnalysisOverviewOut = await reports(c, desk.overview, refresh)
        return result

    @api.get("/analysis/breakdowns")
    async def breakdowns(month: Month, c: Caller = manager) -> AnalysisBreakdownsOut:
        """A business month by weekday × hour, region, category, product, age, gender, operator."""
        result: AnalysisBreakdownsOut = await reports(c, desk.month_breakdowns, month)
        return result

    @api.get("/analysis/lists/{name}")
    async def a_list(name: str, limit: Limit = 200, c: Caller = manager) -> AnalysisListOut:
        """due, dormant, at_risk, cross_sell or survey customers."""
        result: AnalysisListOut = await reports(c, desk.list_out, name, limit)
        return result

    @api.post("/analysis/lists/{name}/call-list", status_code=201)
    async def to_call_list(
        name: str, body: CallListNameIn, limit: Limit = 200, c: Caller = manager
    ) -> CallListMadeOut:
        """Make a call list of a list in one step."""
        result: CallListMadeOut = await reports(
            c, desk.make_call_list, c.actor, body.name, name, limit
        )
        return result

    @api.get("/analysis/drill")
    async def drill_down(
        figure: str, month: str = "", value: str = "", c: Caller = manager
    ) -> DrillOut:
        """The customers behind a figure."""
        result: DrillOut = await reports(c, drill.drill, figure, month, value)
        return result

    @api.post("/customers/{customer_id}/nps", status_code=201)
    async def answer(customer_id: RowId, body: NpsIn, c: Caller = who) -> NpsOut:
        """Record the customer's 0-10 answer and its reason."""

        def store() -> NpsOut:
            row = nps.record_nps(c.actor, customer_id, body.score, body.reason, body.call_id)
            return nps.nps_out(row)

        result: NpsOut = await run(store)
        return result

    return api
