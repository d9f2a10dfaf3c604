"""`ringdesk bench data --only import` measures just the xlsx import, on a tiny file here."""

from __future__ import annotations

import argparse

import pytest

from appliance.bench import data
from appliance.core.errors import InvalidInput


def test_only_import_reports_the_import_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "_QUICK", {**data._QUICK, "import_rows": 40})
    result = data.run(argparse.Namespace(quick=True, only="import"))
    assert set(result.figures) == {"import_100k_s"}
    assert result.budgets["import_100k_s"].limit == 20.0
    assert result.context == {"import_rows": 40, "only": "import"}


def test_an_unknown_part_is_refused_clearly() -> None:
    with pytest.raises(InvalidInput, match="import"):
        data.run(argparse.Namespace(quick=True, only="lookup"))
