"""Export writes one row per customer, and importing the export gives the same customers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.exporting import HEADERS, export_file, export_rows
from appliance.core.importing.reading import read_sheet
from appliance.core.importing.run import import_file
from appliance.db.store import Store

DATA = Path(__file__).parents[2] / "data"


def open_store(path: Path) -> Store:
    return Store.open(path, os.urandom(32), create=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "box.db")
    s.executor.call(import_file, DATA / "customers_cp932.csv")
    s.executor.call(import_file, DATA / "customers_en_bom.csv")
    yield s
    s.close()


def test_one_row_per_customer_with_all_its_numbers(store: Store) -> None:
    rows = store.executor.call(lambda: list(export_rows()))
    assert len(rows) == 13
    okada = next(r for r in rows if r[0] == "岡田 明美")
    assert okada[1] == "オカダ アケミ"
    assert okada[5] == "06-7468-1791, 090-2186-9779"
    assert (okada[7], okada[8], okada[10]) == ("928-4633", "栃木県", "常連")
    assert okada[9].startswith("横浜市")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_round_trips(store: Store, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"customers{suffix}"
    assert store.executor.call(export_file, out) == 13
    sheet = read_sheet(out)
    assert tuple(sheet.headers) == HEADERS
    fresh = open_store(tmp_path / "fresh.db")
    try:
        report = fresh.executor.call(import_file, out)
        assert (len(report.imported_ids), report.rejected) == (13, [])
        assert fresh.executor.call(lambda: list(export_rows())) == store.executor.call(
            lambda: list(export_rows())
        )
    finally:
        fresh.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_is_readable_by_its_owner_only(store: Store, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"customers{suffix}"
    out.write_text("an older file, world-readable", encoding="utf-8")
    out.chmod(0o644)
    store.executor.call(export_file, out)
    assert out.stat().st_mode & 0o777 == 0o600


def test_unknown_extension_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="xlsx"):
        store.executor.call(export_file, tmp_path / "out.pdf")
