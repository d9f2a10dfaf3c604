"""`ringdesk analysis recompute|customers` on a seeded box, as its owner would run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.core.seeding import seed

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]


def test_recompute_then_list_rank_a(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "box"
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    store = open_store_for(data)
    counts = store.executor.call(seed, 60, 40)
    store.close()
    capsys.readouterr()
    assert main(["analysis", "recompute", "--data", str(data)]) == 0
    assert "recomputed" in capsys.readouterr().out
    assert main(["analysis", "customers", "--rank", "A", "--limit", "5", "--data", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id\trank")
    assert 1 <= len(lines) - 1 <= 5 and counts.orders > 0
    assert all(line.split("\t")[1] == "A" for line in lines[1:])
    assert main(["analysis", "customers", "--limit", "0", "--data", str(data)]) == 1
    assert "--limit" in capsys.readouterr().err
    out = tmp_path / "dormant.xlsx"
    assert main(["analysis", "list", "dormant", "--out", str(out), "--data", str(data)]) == 0
    assert "customer(s)" in capsys.readouterr().out and out.stat().st_size > 0
    bad = ["analysis", "list", "due", "--out", str(tmp_path / "no" / "x.csv"), "--data", str(data)]
    assert main(bad) == 1
    assert "cannot write" in capsys.readouterr().err


def test_monthly_report_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    data = tmp_path / "box"
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    store = open_store_for(data)
    store.executor.call(seed, 80, 120)
    store.close()
    out = tmp_path / "2026-11.xlsx"
    args = ["report", "--month", "2026-11", "--out", str(out), "--data", str(data)]
    assert main(args) == 0
    assert "report written" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "概要 Summary" and len(book.sheetnames) == 6
    summary = book["概要 Summary"]
    assert summary.cell(13, 1).value == "2026-11" and summary.cell(2, 1).value == "2025-12"
    assert len(summary._charts) == 2
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["report", "--month", "2026-13", "--out", str(out), "--data", str(data)]) == 1
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "r.pdf"), "--data", str(data)]) == 1
