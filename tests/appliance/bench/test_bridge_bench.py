"""`ringdesk bench bridge` at a tiny size: every source's calls reach the desk through a real
box process, and each pop figure comes with its 50 ms budget (no timing asserted here)."""

from __future__ import annotations

import argparse
import json

from appliance.bench import bridge, bridge_pop


def test_tiny_bridge_bench_delivers_every_call_of_every_source() -> None:
    args = argparse.Namespace(json=True, quick=True, corpus=None, pop_calls=2)
    out = json.loads(bridge.run(args).as_json())
    for kind in bridge_pop.KINDS:
        assert (out[f"{kind}_pop_delivered"], out[f"{kind}_pop_expected"]) == (2, 2), kind
        assert out[f"{kind}_pop_p99_ms"] > 0
        assert out["budgets"][f"{kind}_pop_p99_ms"]["limit"] == 50.0
    assert out["nd_lost"] == 0 and out["frames_wrong"] == 0
