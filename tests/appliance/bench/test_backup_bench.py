"""`ringdesk bench backup` end to end on a tiny box (the bench itself seeds 1M calls)."""

from __future__ import annotations

import argparse

import pytest

from appliance.bench import backup


def test_backup_bench_reports_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "QUICK", {"customers": 30, "calls": 100, "handled": 5})
    result = backup.run(argparse.Namespace(quick=True))
    assert set(result.figures) == {"snapshot_s", "verify_s", "restore_s",
                                   "bytes_written_per_call"}  # fmt: skip
    assert result.context["calls"] == 105  # seeded plus the ones run through the router
    assert result.figures["bytes_written_per_call"] > 0  # the WAL and checkpoint were seen
    assert "not measured" in str(result.context["rpo_s"])
