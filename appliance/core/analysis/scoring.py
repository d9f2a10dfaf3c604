"""Pure scoring: quantile cuts, RFM and decile scores, A/B/C cuts, LTV, cycle and dormancy.

Cuts are computed once by the full recompute and kept; a customer is scored against them, so
one new order rescores one customer without reading the others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

DAY_S = 86400.0


def quantile_cuts(values: Sequence[float], parts: int) -> list[float]:
    """The parts-1 cut values of the sorted values at positions n*i/parts (empty: no cuts)."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return []
    return [ordered[min(n - 1, n * i // parts)] for i in range(1, parts)]


def score(value: float, cuts: Sequence[float]) -> int:
    """1 + how many cuts the value is above (higher is better: 1..len(cuts)+1); a value tied
    with a cut stays below it, so a crowd of equal values never lifts one of them."""
    return 1 + sum(1 for c in cuts if value > c)


@dataclass(frozen=True)
class RankCuts:
    """Spend at or above `a` is rank A, at or above `b` rank B, above zero rank C."""

    a: float
    b: float


def rank_cuts(spends: Sequence[int], a_share: float, b_share: float) -> RankCuts:
    """Pareto cuts: customers by spend, largest first, are A while the spend before them is
    under a_share of the total, then B while under b_share."""
    ordered = sorted((s for s in spends if s > 0), reverse=True)
    total = sum(ordered)
    if not ordered:
        return RankCuts(a=0.0, b=0.0)
    a = b = float(ordered[0])
    before = 0
    for spend in ordered:
        if before < a_share * total:
            a = float(spend)
        if before < b_share * total:
            b = float(spend)
        before += spend
    return RankCuts(a=a, b=b)


def rank_of(spend: int, cuts: RankCuts) -> str:
    """A, B or C by the cuts; '' for no spend in the window."""
    if spend <= 0:
        return ""
    if spend >= cuts.a:
        return "A"
    return "B" if spend >= cuts.b else "C"


def decile_of(spend: int, cuts: Sequence[float]) -> int:
    """1 (top tenth by spend) .. 10; 0 for no spend in the window."""
    return 0 if spend <= 0 else 11 - score(spend, cuts)


def days(a: dt.datetime, b: dt.datetime) -> float:
    """b - a in days (fractional)."""
    return (b - a).total_seconds() / DAY_S


def cycle_days(first: dt.datetime | None, last: dt.datetime | None, orders: int) -> float | None:
    """The customer's own purchase cycle: the mean days between orders (two orders at least)."""
    if first is None or last is None or orders < 2:
        return None
    return days(first, last) / (orders - 1)


def ltv(revenue: int, orders: int, window_orders: int, window_days: int, years: float) -> int:
    """Average order × orders per year (in the window) × expected lifetime in years."""
    if orders <= 0:
        return 0
    per_year = window_orders * 365.0 / window_days
    return round(revenue / orders * per_year * years)


def is_dormant(
    cycle: float | None,
    last_seen: dt.datetime | None,
    orders: int,
    now: dt.datetime,
    factor: float,
    regular: int,
) -> bool:
    """A regular (enough orders to have a cycle) silent longer than their cycle × factor."""
    if cycle is None or last_seen is None or orders < regular:
        return False
    return days(last_seen, now) > max(cycle, 1.0) * factor
