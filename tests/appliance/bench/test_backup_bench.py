"""`ringdesk bench backup` end to end on a tiny box (the bench itself seeds 1M calls)."""

from __future__ import annotations

import argparse

import pytest

from appliance.bench import backup


def test_backup_bench_reports_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "QUICK", {"customers": 30, "calls": 100, "handled": 5})
    result = backup.run(argparse.Namespace(quick=True))
    assert set(result.figures) == {
        "snapshot_s",
        "verify_s",
        "restore_s",
        "bytes_written_per_call",
        "rpo_s",
    }
    assert result.context["calls"] == 105  # seeded plus the ones run through the router
    assert result.figures["bytes_written_per_call"] > 0  # the WAL and checkpoint were seen
    # The drill killed a box mid-stream; the desk replica had followed it.
    assert result.context["rpo_committed_changes"] > 0
    assert result.context["rpo_notes_acked"] > 0
    assert 0 <= result.context["rpo_lost_changes"] <= result.context["rpo_committed_changes"]
