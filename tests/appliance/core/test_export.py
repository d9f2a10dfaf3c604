"""Export writes every field of every customer, and importing the export gives them back:
into an empty box field for field, into the same box as customers it already has."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.exporting import export_file, export_table
from appliance.core.importing.extra import CALLS_SHEET, NOTES_SHEET, ORDERS_SHEET
from appliance.core.importing.reading import read_sheet
from appliance.core.importing.run import import_file
from appliance.core.importing.xlsx_cells import sheet_names
from appliance.core.roundtrip import differences, snapshots
from appliance.core.seeding_full import seed_full
from appliance.db.store import Store

DATA = Path(__file__).parents[2] / "data"


def open_store(path: Path) -> Store:
    return Store.open(path, os.urandom(32), create=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "box.db")
    s.executor.call(seed_full, 30, seed=4)
    yield s
    s.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    """An empty box (one store at a time: the models are bound to the last one opened)."""
    s = open_store(tmp_path / "empty.db")
    yield s
    s.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_round_trip_into_an_empty_box_keeps_every_field(tmp_path: Path, suffix: str) -> None:
    """Notes travel in the .xlsx's notes sheet; a .csv has the customers sheet only."""
    notes = "full" if suffix == ".xlsx" else "none"
    out = tmp_path / f"customers{suffix}"
    source = open_store(tmp_path / "box.db")
    try:
        source.executor.call(seed_full, 30, seed=4)
        assert source.executor.call(export_file, out) == 30
        before = source.executor.call(snapshots, notes)
    finally:
        source.close()
    target = open_store(tmp_path / "empty.db")
    try:
        report = target.executor.call(import_file, out)
        after = target.executor.call(snapshots, notes)
    finally:
        target.close()
    assert (len(report.imported_ids), report.rejected, report.sheet_rejected) == (30, [], [])
    assert report.fixes == [] and report.notes_imported == (
        sum(len(s["notes"]) for s in before) if suffix == ".xlsx" else 0
    )
    assert differences(before, after) == (30, set())
    assert before == after


@pytest.mark.parametrize("region", ["JP", "US"])
def test_importing_an_export_into_its_own_box_finds_every_customer(
    store: Store, tmp_path: Path, region: str
) -> None:
    out = tmp_path / "customers.xlsx"
    store.executor.call(export_file, out)
    report = store.executor.call(import_file, out, region=region)
    assert (len(report.duplicates), report.imported_ids, report.rejected) == (30, [], [])
    assert report.sheet_rejected == []  # notes of customers already there are not "missing"


def test_numbers_are_written_in_e164_with_their_extension(store: Store) -> None:
    def first_rows() -> tuple[list[str], list[list[str | bool]]]:
        headers, rows = export_table()
        return headers, list(rows)

    headers, rows = store.executor.call(first_rows)
    phone_columns = [i for i, h in enumerate(headers) if h.startswith("電話") and "ラベル" not in h]
    numbers = [str(row[i]) for row in rows for i in phone_columns if row[i]]
    assert numbers and all(n.startswith("+") for n in numbers)
    assert any(n.startswith("+81") and " ext. " in n for n in numbers)
    assert {"+1", "+44"} <= {n[:3] if n.startswith("+44") else n[:2] for n in numbers}


def test_extra_sheets_are_written_on_request(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    store.executor.call(export_file, out, sheets=("notes", "orders", "calls"))
    assert {NOTES_SHEET, ORDERS_SHEET, CALLS_SHEET} <= set(sheet_names(out))
    report = store.executor.call(import_file, out, dry_run=True)
    assert report.ignored_sheets == [ORDERS_SHEET, CALLS_SHEET]
    bare = tmp_path / "bare.xlsx"
    store.executor.call(export_file, bare, sheets=())
    assert NOTES_SHEET not in sheet_names(bare)
    with pytest.raises(InvalidInput, match="unknown sheets"):
        store.executor.call(export_file, bare, sheets=("invoices",))


def test_a_name_that_looks_like_a_formula_stays_text(empty: Store, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("氏名,電話番号\n=1+2,03-1234-5678\n", encoding="utf-8")
    empty.executor.call(import_file, source)
    out = tmp_path / "out.xlsx"
    empty.executor.call(export_file, out)
    assert read_sheet(out).rows[0][1][2] == "=1+2"


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


def test_an_older_export_still_imports(empty: Store) -> None:
    report = empty.executor.call(import_file, DATA / "customers_en_bom.csv")
    assert (len(report.imported_ids), report.rejected) == (5, [])
