"""Numbers a spreadsheet mangled are recognised, mended, and the fix said per row."""

from __future__ import annotations

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.importing.phones import export_form, read_phone, split_extension
from appliance.core.importing.records import Record, build_record


@pytest.mark.parametrize(
    ("cell", "e164", "entered", "fixed"),
    [
        ("312345678", "+81312345678", "03-1234-5678", "leading 0 restored"),
        ("9012345678", "+819012345678", "090-1234-5678", "leading 0 restored"),
        ("０３（１２３４）５６７８", "+81312345678", "03-1234-5678", "full-width"),
        ("03-1234-5678 内線12", "+81312345678", "03-1234-5678 内線12", "extension 12 kept"),
        ("03-1234-5678 ext. 3", "+81312345678", "03-1234-5678 内線3", "extension 3 kept"),
        ("81312345678", "+81312345678", "03-1234-5678", "leading + restored"),
        ("+81 (0)3-1234-5678", "+81312345678", "03-1234-5678", ""),
        ("+81-90-1234-5678", "+819012345678", "090-1234-5678", ""),
        ("03-1234-5678", "+81312345678", "03-1234-5678", ""),
    ],
)
def test_japanese_numbers_excel_mangled(cell: str, e164: str, entered: str, fixed: str) -> None:
    read = read_phone(cell, "JP")
    assert (read.parts.e164, read.entered) == (e164, entered)
    assert (fixed in read.fix) if fixed else read.fix == ""
    if fixed:
        assert read.fix.endswith(f"→ {entered}")


def test_us_numbers_with_the_region() -> None:
    read = read_phone("(212) 555-0123", "US")
    assert (read.parts.e164, read.entered, read.fix) == ("+12125550123", "(212) 555-0123", "")
    assert read_phone("2125550123", "US").parts.e164 == "+12125550123"
    assert read_phone("+1 212-555-0123", "JP").entered == "+1 212-555-0123"
    assert read_phone("212-555-0123 x45", "US").entered == "(212) 555-0123 ext. 45"


def test_scientific_notation_lost_its_digits() -> None:
    with pytest.raises(InvalidInput, match="digits are lost"):
        read_phone("9.01235E+09", "JP")


def test_our_export_form_reads_back_without_a_fix() -> None:
    written = export_form("+81312345678", "0312345678", "03-1234-5678 内線12")
    assert written == "+81312345678 ext. 12"
    read = read_phone(written, "JP")
    assert (read.parts.e164, read.entered, read.fix) == ("+81312345678", "03-1234-5678 内線12", "")
    assert split_extension("117") == ("117", "")


def test_the_row_carries_its_fixes() -> None:
    rec = build_record(5, ["山田 太郎", "312345678"], [("name", 0), ("phone", 0)], "JP")
    assert isinstance(rec, Record)
    assert rec.fixes == ["312345678: 先頭の 0 を補完 / the leading 0 restored → 03-1234-5678"]
