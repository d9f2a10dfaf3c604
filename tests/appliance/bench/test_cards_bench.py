"""`ringdesk bench cards --quick`: right/total per field, the p95 time and the plain baseline."""

from __future__ import annotations

import argparse
import json

from appliance.bench import cards


def test_quick_cards_bench_reports_every_field_with_budgets() -> None:
    out = json.loads(cards.run(argparse.Namespace(json=True, quick=True)).as_json())
    for name in ("name", "company", "title", "phones", "email", "postal_code"):
        assert out[f"{name}_total"] == cards.QUICK_SET
        assert 0 <= out[f"{name}_right"] <= cards.QUICK_SET
    assert out["budgets"]["ms_per_card_p95"]["limit"] == 3000.0
    assert out["budgets"]["email_share"] == {"limit": 0.9, "at_least": True}
    assert out["ms_per_card_p95"] > 0
    assert 0 <= out["baseline_plain_name_found_share"] <= 1
