"""`ringdesk bench modem --quick` runs end to end and reports every figure with its budget."""

from __future__ import annotations

import argparse
import json

from appliance.bench import modem


def test_quick_modem_bench_reports_figures() -> None:
    args = argparse.Namespace(json=True, quick=True, data=None, corpus=None)
    result = modem.run(args)
    out = json.loads(result.as_json())
    assert (out["samples_parsed"], out["samples_total"], out["samples_refused"]) == (40, 42, 2)
    assert out["unplugs"] == 5 and out["reconnect_s"] > 0
    assert set(out["budgets"]) >= {"reconnect_s", "samples_parsed", "parser_text_bytes_per_s"}
