"""A file with bad rows: import the good ones and report the rest, or import none."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.importing.run import import_file
from appliance.db.models import Customer
from appliance.db.store import Store

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


def names(store: Store) -> list[str]:
    return store.executor.call(lambda: [c.display_name for c in Customer.select()])


def test_good_rows_are_imported_and_the_bad_ones_reported(store: Store) -> None:
    report = store.executor.call(import_file, DATA / "customers_broken.csv", good_only=True)
    assert [r.row for r in report.rejected] == [3, 4, 5, 6]
    assert all(" / " in r.reason for r in report.rejected)  # both languages, no traceback
    assert report.committed and len(report.imported_ids) == len(names(store)) == 1


def test_by_default_nothing_is_imported(store: Store) -> None:
    report = store.executor.call(import_file, DATA / "customers_broken.csv")
    assert report.problems == 4 and not report.committed and names(store) == []


def test_good_rows_in_big_chunks_keep_being_written(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appliance.core.importing import checking

    monkeypatch.setattr(checking, "WORKER_ROWS", 2)
    monkeypatch.setattr(checking, "CHUNK_ROWS", 3)
    rows = ["氏名,電話番号,メール"]
    for n in range(20):
        mail = "not-an-address" if n % 4 == 1 else f"c{n}@example.com"
        rows.append(f"顧客 {n},03-1234-{n:04d},{mail}")
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = store.executor.call(import_file, path, good_only=True)
    assert [r.row for r in report.rejected] == [3, 7, 11, 15, 19]
    assert len(report.imported_ids) == 15 and len(names(store)) == 15
