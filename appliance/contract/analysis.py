"""Wire models of the analysis screen: the overview (monthly KPIs, cohorts, ranks), a month's
breakdowns, the lists, the customers behind a figure, and an NPS answer."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.customers import CustomerSummary
from appliance.contract.fields import UtcTime

__all__ = [
    "AnalysisBreakdownsOut",
    "AnalysisListOut",
    "AnalysisListRowOut",
    "AnalysisMonthOut",
    "AnalysisOverviewOut",
    "BreakdownRowOut",
    "CallListMadeOut",
    "CallListNameIn",
    "CohortOut",
    "DrillOut",
    "NpsIn",
    "NpsOut",
    "OperatorOut",
]


class AnalysisMonthOut(BaseModel):
    """One business month's KPIs (rates 0..1; None when there is nothing to divide by)."""

    month: str
    customers: int = 0
    new: int = 0
    repeat: int = 0
    orders: int = 0
    revenue: int = 0
    repeat_rate: float | None = None
    churn: float | None = None
    revenue_churn: float | None = None
    average_order: float | None = None
    spend_per_customer: float | None = None
    orders_per_customer: float | None = None
    nps: float | None = None
    nps_answers: int = 0
    promoters: int = 0
    detractors: int = 0


class CohortOut(BaseModel):
    """Customers whose first order fell in `month`: share ordering k months later, and revenue
    k months later against the first month's."""

    month: str
    size: int
    revenue: int
    customers: list[float | None] = Field(default_factory=list)
    revenue_share: list[float | None] = Field(default_factory=list)


class AnalysisOverviewOut(BaseModel):
    """The analysis screen's first view, as of computed_at."""

    computed_at: UtcTime
    months: list[AnalysisMonthOut]
    cohorts: list[CohortOut]
    ranks: dict[str, int]  # "A", "B", "C", "" (no spend in the window) -> customers
    dormant: int
    due: int
    health_average: float | None = None
    how: dict[str, tuple[str, str]]  # figure -> how it is computed (日本語, English)


class BreakdownRowOut(BaseModel):
    """One line of a breakdown: label, orders (or calls), revenue, customers."""

    label: str
    count: int
    revenue: int
    customers: int


class OperatorOut(BaseModel):
    """One operator's month; seconds are averages (note writing is a sum)."""

    user_id: int
    name: str
    calls: int
    missed: int
    claim_s: float | None = None
    talk_s: float | None = None
    after_call_s: float | None = None
    notes: int = 0
    note_writing_s: int = 0


class AnalysisBreakdownsOut(BaseModel):
    """A month broken down; heat maps are 7 weekdays (Monday first) × 24 hours."""

    month: str
    calls_heat: list[list[int]]
    orders_heat: list[list[int]]
    region: list[BreakdownRowOut]
    city: list[BreakdownRowOut]
    category: list[BreakdownRowOut]
    product: list[BreakdownRowOut]
    age: list[BreakdownRowOut]
    gender: list[BreakdownRowOut]
    operators: list[OperatorOut]
    missed: int


class AnalysisListRowOut(BaseModel):
    """A customer on a list: figures and why they are on it (and, dormant, what came before)."""

    customer_id: int
    name: str
    rank: str
    rfm: str
    ltv: int
    revenue: int
    orders: int
    reason: str = ""
    before: list[str] = Field(default_factory=list)


class AnalysisListOut(BaseModel):
    """One of the lists: due, dormant, at_risk, cross_sell, survey."""

    name: str
    rows: list[AnalysisListRowOut]


class DrillOut(BaseModel):
    """The customers behind a figure: how many, and the first of them."""

    figure: str
    count: int
    customers: list[CustomerSummary] = Field(default_factory=list)


class CallListNameIn(BaseModel):
    """The name of the call list a list becomes."""

    name: str = Field(min_length=1, max_length=100)


class CallListMadeOut(BaseModel):
    """A call list made from a list."""

    id: int
    name: str
    entries: int


class NpsIn(BaseModel):
    """An NPS answer (0-10) and its reason, after a call or from a survey list."""

    score: int = Field(ge=0, le=10)
    reason: str = Field(default="", max_length=2000)
    call_id: int | None = Field(default=None, ge=1)


class NpsOut(BaseModel):
    """A stored NPS answer."""

    id: int
    customer_id: int
    score: int
    reason: str
    answered_at: UtcTime
