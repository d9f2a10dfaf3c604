"""`ringdesk bench callerid`'s tolerance sweep figures: right/total per impairment and SNR."""

from __future__ import annotations

from appliance.bench._callerid_sweep import IMPAIRMENTS, TONES
from appliance.bench.callerid import _sweep
from appliance.bench.result import BenchResult


def test_sweep_figures_and_budgets() -> None:
    result = BenchResult("callerid")
    _sweep(result, cases=1)
    doc = result.figures["tolerance_sweep"]
    assert set(doc) == set(TONES)
    for std in TONES:
        assert set(doc[std]) == set(IMPAIRMENTS)
        assert set(doc[std]["none"]) == {"clean", "12"}
        assert doc[std]["none"]["clean"] == "1/1"
    assert result.figures["tolerance_sweep_wrong"] == 0
    assert result.budgets["tolerance_sweep_clean_right_pct"].at_least
    assert 0 <= result.figures["tolerance_sweep_clean_right_pct"] <= 100
