"""`ringdesk bench desk_soak --quick`: a real desk process worked at random against a real box
process while calls pop; no crash, no pop key fired by typing, the box still up."""

from __future__ import annotations

import argparse
import json

from appliance.bench import desk_soak


def test_quick_desk_soak_sees_every_pop_and_nothing_goes_wrong() -> None:
    result = desk_soak.run(argparse.Namespace(json=True, quick=True))
    out = json.loads(result.as_json())
    assert out["pops"] >= 12 and out["actions"] > 0
    assert (out["crashes"], out["stray_actions"], out["box_stopped"]) == (0, 0, 0), out
    assert out["context"]["harness_errors"] == []
    assert set(out["budgets"]) == {"pops", "crashes", "stray_actions", "box_stopped"}
