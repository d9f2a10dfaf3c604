"""The standard-library xlsx reader: the same text as openpyxl, row numbers as Excel shows them."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from appliance.core.importing.reading import _read_xlsx_openpyxl, read_sheet
from appliance.core.importing.xlsx_cells import Unsupported, read_xlsx_rows

DATA = Path(__file__).parents[2] / "data"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

# Shared strings as Japanese Excel saves them: a phonetic guide (rPh) that is not cell text,
# rich-text runs, and an escaped underscore.
STRINGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="5" uniqueCount="5">
<si><t>氏名</t></si><si><t>電話番号</t></si><si><t>備考</t></si>
<si><t>山本 健</t><rPh sb="0" eb="2"><t>ヤマモト</t></rPh><phoneticPr fontId="1"/></si>
<si><r><t>配達は</t></r><r><rPr><b/></rPr><t>裏口_x005F_x000D_へ</t></r></si>
</sst>"""

SHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
<c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>312345678</v></c>
<c r="C2" t="s"><v>4</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t> Emily Clark </t></is></c>
<c r="C5" t="b"><v>1</v></c></row>
<row><c t="str"><f>A1</f><v>田中 花子</v></c><c><v>2.5</v></c><c t="e"><v>#N/A</v></c>
<c r="D6" s="1"><v>12</v></c></row>
</sheetData></worksheet>"""


def _book(path: Path, sheet: str, styles: str = "") -> Path:
    """A minimal .xlsx with one worksheet, shared strings and (optionally) styles."""
    rels = (
        f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
    )
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="顧客" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", STRINGS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if styles:
            z.writestr("xl/styles.xml", styles)
    return path


def _styles(number_format: int, code: str = "") -> str:
    custom = f'<numFmts><numFmt numFmtId="{number_format}" formatCode="{code}"/></numFmts>'
    return (
        f'<styleSheet xmlns="{MAIN}">{custom if code else ""}<cellXfs count="2">'
        f'<xf numFmtId="0"/><xf numFmtId="{number_format}"/></cellXfs></styleSheet>'
    )


def test_cells_read_as_text_with_their_row_numbers(tmp_path: Path) -> None:
    rows = read_xlsx_rows(_book(tmp_path / "a.xlsx", SHEET, _styles(4)))
    assert rows == [
        (1, ["氏名", "電話番号", "備考", ""]),
        (2, ["山本 健", "312345678", "配達は裏口_x000D_へ", ""]),
        (5, ["Emily Clark", "", "True", ""]),
        (6, ["田中 花子", "2.5", "#N/A", "12"]),
    ]


@pytest.mark.parametrize(
    ("fmt", "code"), [(14, ""), (31, ""), (176, "yyyy/mm/dd"), (177, "ge.m.d")]
)
def test_a_number_in_a_date_format_is_left_to_openpyxl(tmp_path: Path, fmt: int, code: str) -> None:
    with pytest.raises(Unsupported):
        read_xlsx_rows(_book(tmp_path / "d.xlsx", SHEET, _styles(fmt, code)))


def test_dates_read_through_openpyxl_as_before(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["氏名", "電話番号", "初回来店"])
    sheet.append(["佐藤 美咲", "090-2345-6789", dt.datetime(2024, 4, 1)])
    book.save(tmp_path / "dates.xlsx")
    read = read_sheet(tmp_path / "dates.xlsx")
    assert read.rows == [(2, ["佐藤 美咲", "090-2345-6789", "2024-04-01"])]


def test_the_fixture_reads_the_same_as_with_openpyxl() -> None:
    fast = read_sheet(DATA / "customers.xlsx")
    slow = _read_xlsx_openpyxl(DATA / "customers.xlsx")
    assert (fast.headers, fast.rows) == (slow.headers, slow.rows)


def test_a_file_that_is_no_workbook_is_left_to_openpyxl_and_its_message() -> None:
    with pytest.raises(Unsupported):
        read_xlsx_rows(DATA / "not_really.xlsx")
