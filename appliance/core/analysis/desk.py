"""The analysis screen's data as desks see it (db thread): the overview (kept for a while, as
computing it reads every order of a year), a month's breakdowns, lists, drill-downs."""

from __future__ import annotations

import datetime as dt

from appliance.contract.analysis import (
    AnalysisBreakdownsOut,
    AnalysisListOut,
    AnalysisListRowOut,
    AnalysisMonthOut,
    AnalysisOverviewOut,
    BreakdownRowOut,
    CallListMadeOut,
    CohortOut,
    OperatorOut,
)
from appliance.core.actor import Actor
from appliance.core.analysis import (
    breakdowns,
    explain,
    health,
    kpis,
    listout,
    lists,
    metrics,
    params,
)
from appliance.core.analysis.months import label, parse_month, this_month
from appliance.db.models import CallListEntry, database_proxy, utcnow
from appliance.db.models.analysis import AnalysisState, CustomerMetric

KEEP = dt.timedelta(minutes=15)  # an overview younger than this is shown as it is
TREND = 12
_RANKS = 'SELECT rank, count(*) FROM "customer_metric" GROUP BY rank'


def _compute() -> AnalysisOverviewOut:
    metrics.settle()
    k = kpis.monthly(this_month(), TREND)
    scores = health.scores()
    now = utcnow()
    due_by = now + dt.timedelta(days=params.load().due_ahead_days)
    due = CustomerMetric.select().where(
        (CustomerMetric.next_due_at <= due_by) & ~CustomerMetric.dormant
    )
    return AnalysisOverviewOut(
        computed_at=now,
        months=[AnalysisMonthOut(**vars(m)) for m in k.months],
        cohorts=[CohortOut(**vars(c)) for c in k.cohorts],
        ranks={str(r): int(n) for r, n in database_proxy.obj.execute_sql(_RANKS)},
        dormant=CustomerMetric.select().where(CustomerMetric.dormant).count(),
        due=due.count(),
        health_average=sum(scores.values()) / len(scores) if scores else None,
        how=explain.HOW,
    )


def overview(refresh: bool = False) -> AnalysisOverviewOut:
    """The first view: the kept overview when younger than KEEP (and not `refresh`), else a
    fresh one, kept."""
    kept = AnalysisState.get_or_none(AnalysisState.name == "overview")
    if kept is not None and not refresh:
        out = AnalysisOverviewOut.model_validate_json(kept.value)
        age = utcnow() - out.computed_at.astimezone(dt.UTC).replace(tzinfo=None)  # wire: aware
        if dt.timedelta(0) <= age < KEEP:
            return out
    out = _compute()
    database_proxy.obj.execute_sql(
        'INSERT OR REPLACE INTO "analysis_state" ("name", "value") VALUES (?, ?)',
        ("overview", out.model_dump_json()),
    )
    return out


def _rows(rows: list[breakdowns.Row]) -> list[BreakdownRowOut]:
    return [BreakdownRowOut(label=r.label, count=r.count, revenue=r.revenue,
                            customers=len(r.customers)) for r in rows]  # fmt: skip


def month_breakdowns(month: str) -> AnalysisBreakdownsOut:
    """The breakdowns of business month 'YYYY-MM'."""
    b = breakdowns.month_breakdowns(parse_month(month))
    return AnalysisBreakdownsOut(
        month=label(parse_month(month)),
        calls_heat=b.calls_heat,
        orders_heat=b.orders_heat,
        region=_rows(b.region),
        city=_rows(b.city),
        category=_rows(b.category),
        product=_rows(b.product),
        age=_rows(b.age),
        gender=_rows(b.gender),
        operators=[OperatorOut(**vars(o)) for o in b.operators],
        missed=b.missed,
    )


def list_out(name: str, limit: int) -> AnalysisListOut:
    """One of the lists, as rows a desk shows."""
    found = lists.get_list(name, limit)
    return AnalysisListOut(
        name=name,
        rows=[
            AnalysisListRowOut(
                customer_id=r.figures.customer_id,
                name=r.figures.name,
                rank=r.figures.rank,
                rfm=r.figures.rfm,
                ltv=r.figures.ltv,
                revenue=r.figures.revenue,
                orders=r.figures.orders,
                reason=r.reason,
                before=[f"{b.at.date().isoformat()} {b.kind}: {b.text}" for b in r.before],
            )
            for r in found
        ],
    )


def make_call_list(actor: Actor, name: str, list_name: str, limit: int) -> CallListMadeOut:
    """Turn a list into a call list in one step."""
    made = listout.to_call_list(actor, name, lists.get_list(list_name, limit), list_name)
    entries = CallListEntry.select().where(CallListEntry.call_list == made.id).count()
    return CallListMadeOut(id=int(made.id), name=str(made.name), entries=entries)
