"""Pure scoring on hand-computed numbers, and the rank cuts as a partition (Hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from appliance.core.analysis import scoring


def test_quintile_cuts_and_scores() -> None:
    cuts = scoring.quantile_cuts(list(range(1, 11)), 5)
    assert cuts == [3, 5, 7, 9]
    assert [scoring.score(v, cuts) for v in range(1, 11)] == [1, 1, 1, 2, 2, 3, 3, 4, 4, 5]
    assert scoring.quantile_cuts([], 5) == []
    assert scoring.score(42, []) == 1


def test_tied_values_share_the_lower_score() -> None:
    cuts = scoring.quantile_cuts([1, 1, 1, 1, 1, 1, 2, 3, 5, 8], 5)
    assert cuts == [1, 1, 2, 5]
    assert scoring.score(1, cuts) == 1  # six one-order customers are not lifted to 3
    assert scoring.score(8, cuts) == 5


def test_pareto_rank_cuts() -> None:
    # total 1000: 500 and 300 start below 70 %, 100 starts at 80 % (< 90 %), the rest after
    cuts = scoring.rank_cuts([40, 500, 100, 60, 300, 0], 0.7, 0.9)
    assert cuts == scoring.RankCuts(a=300, b=100)
    ranks = [scoring.rank_of(s, cuts) for s in (500, 300, 100, 60, 40, 0)]
    assert ranks == ["A", "A", "B", "C", "C", ""]


def test_deciles_top_is_one() -> None:
    spends = [100 * i for i in range(1, 21)]
    cuts = scoring.quantile_cuts(spends, 10)
    assert scoring.decile_of(2000, cuts) == 1
    assert scoring.decile_of(100, cuts) == 10
    assert scoring.decile_of(0, cuts) == 0


def test_ltv_cycle_dormant() -> None:
    # ¥3,000 over 3 orders, all 3 in a 365-day window, 3-year lifetime: 1000 × 3/yr × 3
    assert scoring.ltv(3000, 3, 3, 365, 3.0) == 9000
    assert scoring.ltv(0, 0, 0, 365, 3.0) == 0
    first, last = dt.datetime(2026, 9, 1), dt.datetime(2026, 10, 1)
    assert scoring.cycle_days(first, last, 3) == 15.0
    assert scoring.cycle_days(first, first, 1) is None
    now = dt.datetime(2026, 10, 31, 1)
    assert scoring.is_dormant(15.0, last, 3, now, 2.0, 3)  # 30.04 days > 15 × 2
    assert not scoring.is_dormant(15.0, last, 3, dt.datetime(2026, 10, 30), 2.0, 3)
    assert not scoring.is_dormant(15.0, last, 2, now, 2.0, 3)  # not a regular


@given(
    st.lists(st.integers(min_value=0, max_value=10**7), max_size=60),
    st.floats(min_value=0.05, max_value=1.0),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_rank_boundaries_partition_the_customers(spends: list[int], a: float, b: float) -> None:
    cuts = scoring.rank_cuts(spends, a, max(a, b))
    ranks = [scoring.rank_of(s, cuts) for s in spends]
    assert all((r == "") == (s == 0) for r, s in zip(ranks, spends, strict=True))
    by_rank = {k: [s for s, r in zip(spends, ranks, strict=True) if r == k] for k in "ABC"}
    # every buyer has exactly one rank, and each rank's spends lie above the next one's
    assert sum(len(v) for v in by_rank.values()) == sum(1 for s in spends if s > 0)
    for upper, lower in (("A", "B"), ("B", "C"), ("A", "C")):
        if by_rank[upper] and by_rank[lower]:
            assert min(by_rank[upper]) > max(by_rank[lower])
    if any(spends):
        assert max(spends) in by_rank["A"]


def test_analysis_settings_are_checked_when_put(store: object) -> None:
    import pytest

    from appliance.core.actor import Actor
    from appliance.core.analysis import params
    from appliance.core.errors import InvalidInput
    from appliance.core.settings import put_settings

    boss = Actor.system("店長")
    put_settings(boss, {"analysis.window_days": 180, "analysis.dormant_factor": 3})
    assert (params.load().window_days, params.load().dormant_factor) == (180, 3.0)
    for bad in (
        {"analysis.window_days": 2},
        {"analysis.colour": 1},
        {"analysis.lifetime_years": "x"},
    ):
        with pytest.raises(InvalidInput):
            put_settings(boss, bad)
    assert params.load().window_days == 180
