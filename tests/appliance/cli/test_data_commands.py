"""The import/export/dev commands: parsing, the report a person reads, the progress bar."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from appliance.cli import build_parser
from appliance.cli.commands._data_common import ProgressBar, check_path
from appliance.cli.commands.import_ import render_report
from appliance.core.importing.run import import_file
from appliance.db.store import Store

DATA = Path(__file__).parents[2] / "data"


def test_commands_parse_their_options() -> None:
    parser = build_parser()
    args = parser.parse_args(
        ["import", "x.csv", "--map", "A=name", "--map", "備考=note", "--dry-run", "--data", "d"]
    )
    assert (args.file, args.map, args.dry_run, args.data) == (
        "x.csv",
        ["A=name", "備考=note"],
        True,
        "d",
    )
    args = parser.parse_args(["dev", "seed", "--customers", "5", "--calls", "7"])
    assert (args.customers, args.calls) == (5, 7)
    assert parser.parse_args(["export", "out.xlsx"]).file == "out.xlsx"


def test_report_of_a_bad_file_lists_each_row(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    try:
        report = store.executor.call(import_file, DATA / "customers_broken.csv")
    finally:
        store.close()
    text = render_report(report)
    for row in (3, 4, 5, 6):
        assert f"行 row {row}:" in text
    assert "nothing was imported" in text
    assert "A 氏名 → name" in text


def test_progress_bar_draws_and_ends_the_line() -> None:
    out = io.StringIO()
    bar = ProgressBar("import", stream=out, width=10)
    bar(5, 10)
    bar(10, 10)
    assert "[#####-----]  50% 5/10" in out.getvalue()
    assert out.getvalue().endswith("[##########] 100% 10/10\n")


def test_missing_file_is_a_user_facing_error(tmp_path: Path) -> None:
    from appliance.cli import UserFacingError

    with pytest.raises(UserFacingError, match="no such file"):
        check_path(str(tmp_path / "nope.xlsx"))


def test_import_modes_parse_and_exclude_each_other() -> None:
    parser = build_parser()
    assert parser.parse_args(["import", "x.csv", "--good-rows"]).good_rows
    assert parser.parse_args(["import", "x.csv", "--all-or-nothing"]).all_or_nothing
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "x.csv", "--good-rows", "--all-or-nothing"])
    assert parser.parse_args(["export", "o.xlsx", "--sheets", "notes,calls"]).sheets == (
        "notes,calls"
    )


def test_report_of_a_partial_import_names_what_was_left_out_and_fixed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "氏名,電話番号\n山田 太郎,312345678\n佐藤 花子,not a number\n", encoding="utf-8"
    )
    store = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    try:
        report = store.executor.call(import_file, path, good_only=True)
    finally:
        store.close()
    text = render_report(report)
    assert "行 row 3:" in text and "not a phone number" in text
    assert "行 row 2: 修正 / fixed: 312345678" in text and "03-1234-5678" in text
    assert "imported 1 customer(s)" in text and "1 bad row(s) left out" in text


def test_export_takes_the_vcard_version() -> None:
    parser = build_parser()
    assert parser.parse_args(["export", "c.vcf", "--vcard-version", "4.0"]).vcard_version == "4.0"
    assert parser.parse_args(["export", "c.vcf"]).vcard_version == "3.0"
