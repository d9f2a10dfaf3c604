"""The analysis routes as the desk calls them (no Textual here)."""

from __future__ import annotations

from appliance.contract.analysis import (
    AnalysisBreakdownsOut,
    AnalysisListOut,
    AnalysisOverviewOut,
    CallListMadeOut,
    DrillOut,
    NpsOut,
)
from tui.client.box_client import BoxClient


async def overview(api: BoxClient, refresh: bool = False) -> AnalysisOverviewOut:
    """The screen's first view (kept by the box for a while; refresh computes it again)."""
    params = {"refresh": "true"} if refresh else None
    return await api.call(AnalysisOverviewOut, "GET", "/analysis/overview", params=params)


async def breakdowns(api: BoxClient, month: str) -> AnalysisBreakdownsOut:
    """A business month broken down."""
    params = {"month": month}
    return await api.call(AnalysisBreakdownsOut, "GET", "/analysis/breakdowns", params=params)


async def a_list(api: BoxClient, name: str, limit: int = 200) -> AnalysisListOut:
    """due, dormant, at_risk or cross_sell."""
    params = {"limit": limit}
    return await api.call(AnalysisListOut, "GET", f"/analysis/lists/{name}", params=params)


async def to_call_list(api: BoxClient, name: str, title: str) -> CallListMadeOut:
    """Make a call list of list `name`, titled `title`."""
    path = f"/analysis/lists/{name}/call-list"
    return await api.call(CallListMadeOut, "POST", path, json={"name": title})


async def drill(api: BoxClient, figure: str, month: str = "", value: str = "") -> DrillOut:
    """The customers behind a figure."""
    params = {"figure": figure, "month": month, "value": value}
    return await api.call(DrillOut, "GET", "/analysis/drill", params=params)


async def record_nps(
    api: BoxClient, customer_id: int, score: int, reason: str, call_id: int | None = None
) -> NpsOut:
    """Store a customer's 0-10 answer and its reason."""
    body = {"score": score, "reason": reason, "call_id": call_id}
    return await api.call(NpsOut, "POST", f"/customers/{customer_id}/nps", json=body)
