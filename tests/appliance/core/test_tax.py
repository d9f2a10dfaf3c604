"""Tax per rate, once per rate on that rate's total: floor on tax-inclusive totals (Japan),
half up when added on top (a per-product rate)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from appliance.core.tax import (
    REDUCED_BP,
    STANDARD_BP,
    Rate,
    rate_for,
    tax_in,
    tax_on,
    totals,
)

EIGHT = Rate(REDUCED_BP, reduced=True)
TEN = Rate(STANDARD_BP)


def test_japan_classes_by_service() -> None:
    assert rate_for("jp", "reduced", 0, "delivery") == EIGHT
    assert rate_for("jp", "reduced", 0, "pickup") == EIGHT
    assert rate_for("jp", "reduced", 0, "eat_in") == TEN
    assert rate_for("jp", "standard", 0, "delivery") == TEN
    assert rate_for("per_product", "reduced", 825, "delivery") == Rate(825)


def test_tax_is_computed_once_per_rate_not_per_line() -> None:
    # three ¥150 items at 8 %: per line floor(150*8/108)=11 → 33; once on ¥450 → 33.33 → 33
    # two ¥1,000 bentos (74.07 each → 74+74 = 148) once on ¥2,000 → 148.14 → 148
    lines = [(EIGHT, 150)] * 3 + [(EIGHT, 2000), (TEN, 550), (TEN, 330)]
    result = totals(lines, inclusive=True)
    assert [(r.rate, r.amount, r.tax) for r in result.by_rate] == [
        (TEN, 880, 80),
        (EIGHT, 2450, 181),  # 2450 × 8 / 108 = 181.48
    ]
    assert result.total == 3330 and result.tax == 261


def test_known_japanese_figures() -> None:
    assert tax_in(1080, 800) == 80
    assert tax_in(1000, 800) == 74
    assert tax_in(1100, 1000) == 100
    assert tax_in(999, 1000) == 90  # 90.81 rounded down


def test_added_on_top_rounds_half_up() -> None:
    assert tax_on(1000, 825) == 83  # 82.5 → 83
    assert tax_on(1000, 824) == 82  # 82.4 → 82
    result = totals([(Rate(825), 1000), (Rate(825), 999), (Rate(0), 500)], inclusive=False)
    assert [(r.rate.bp, r.amount, r.tax, r.gross) for r in result.by_rate] == [
        (825, 1999, 165, 2164),  # 164.92 → 165
        (0, 500, 0, 500),
    ]
    assert result.total == 2664


@given(st.lists(st.tuples(st.sampled_from([EIGHT, TEN]), st.integers(0, 10**6)), max_size=30))
def test_inclusive_tax_never_exceeds_the_exact_share(lines: list[tuple[Rate, int]]) -> None:
    result = totals(lines, inclusive=True)
    assert result.total == sum(amount for _, amount in lines)
    for r in result.by_rate:
        exact = r.amount * r.rate.bp / (10000 + r.rate.bp)
        assert exact - 1 < r.tax <= exact
