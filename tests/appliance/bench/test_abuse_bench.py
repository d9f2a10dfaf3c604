"""`ringdesk bench abuse --quick`: the figures and budgets of the abuse bench, through a real
box process on loopback (1 s deadlines; no timing asserted here)."""

from __future__ import annotations

import argparse
import json

from appliance.bench import abuse


def test_quick_abuse_bench_reports_its_figures_within_budget() -> None:
    out = json.loads(abuse.run(argparse.Namespace(json=True, quick=True)).as_json())
    assert out["idle_conns_open_after_s"] == 0 and out["desk_ok_under_flood"] is True
    assert out["flood_conns_held_open"] <= 16  # the per-host cap
    assert set(out["budgets"]) == {
        "idle_conns_open_after_s",
        "desk_ok_under_flood",
        "log_bytes_under_flood",
        "rss_after_big_body_mb",
        "calls_kept_on_full_disk",
    }
    assert out["calls_placed"] > 0  # tests run as root: the small disk is mounted
    assert out["calls_kept_on_full_disk"] == out["calls_placed"]
    assert out["budgets"]["log_bytes_under_flood"]["limit"] == 1_000_000
