"""`ringdesk bench roundtrip`, tiny: every customer comes back (sheet and vCards), none is new
in its own box, and card edits are saved through a real box over TLS."""

from __future__ import annotations

import argparse
import json

import pytest

from appliance.bench import roundtrip


def test_a_tiny_round_trip_keeps_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roundtrip, "_QUICK", {"customers": 20, "edits": 3, "box_customers": 5})
    result = roundtrip.run(argparse.Namespace(quick=True))
    figures = json.loads(result.as_json())
    assert (figures["customers_total"], figures["customers_same"]) == (20, 20)
    assert (figures["fields_lost"], figures["fields_lost_names"]) == (0, "-")
    assert (figures["reimport_new"], figures["reimport_matched"]) == (0, 20)
    assert (figures["vcard_total"], figures["vcard_same"]) == (20, 20)
    assert figures["card_save_ms"] > 0
    assert set(result.budgets) >= {"customers_same", "fields_lost", "card_save_ms"}
