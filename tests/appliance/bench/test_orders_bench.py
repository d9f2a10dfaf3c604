"""`ringdesk bench orders`, tiny: a box process with the printer emulator and 10 desks; every
timed order prints both slips and every desk hears every status change."""

from __future__ import annotations

import argparse
import json

import pytest

from appliance.bench import orders


def test_a_tiny_order_bench_times_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = {"customers": 50, "calls": 50, "desks": 10, "timed": 3, "burst": 20}
    monkeypatch.setattr(orders, "_QUICK", tiny)
    result = orders.run(argparse.Namespace(quick=True))
    figures = json.loads(result.as_json())
    assert figures["usual_order_keys"] == 2
    assert figures["context"]["slips_timed"] == 3
    assert figures["context"]["board_arrivals"] == 3 * 10
    assert figures["order_to_slip_ms"] > 0 and figures["orders_per_s"] > 0
