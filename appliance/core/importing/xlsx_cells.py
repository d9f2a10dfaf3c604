"""Read the first sheet of an .xlsx as text rows with the standard library (zip + streaming XML).

openpyxl builds a dict and a cell object per cell, which is most of a 100k-row import's read
time. This reader handles what customer lists hold (shared and inline strings, numbers, booleans,
formula results) and raises Unsupported for the rest (date-formatted cells, a file it cannot
read), so the caller falls back to openpyxl and its messages."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError, iterparse, parse

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW, _CELL, _VALUE, _INLINE = _NS + "row", _NS + "c", _NS + "v", _NS + "is"
_T, _RUN, _SI = _NS + "t", _NS + "r", _NS + "si"
# Built-in number formats that show a date or time (14-22, 45-47; 27-36 and 50-58 are the
# East Asian date formats).
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DATE_LETTERS = re.compile(r"[dmyhsegb]", re.IGNORECASE)
_DIGITS = "0123456789"
# What a damaged or unusual file makes zipfile, zlib and the XML parser raise.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    KeyError,
    ValueError,
    IndexError,
    ParseError,
    OSError,
)


class Unsupported(Exception):  # noqa: N818 - not an error the user sees; a signal to fall back
    """This file needs openpyxl: it holds dates, or something this reader does not read."""


RowHook = Callable[[int, list[str]], None]


Source = Path | IO[bytes]  # a file, or its bytes in memory (an upload never touches the disk)


def read_xlsx_rows(
    path: Source, on_row: RowHook | None = None, name: str | None = None
) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) for every row of the first sheet (or the sheet called name)
    that has a cell, padded to the widest row; cell text as reading._cell_text gives it.
    Unsupported when openpyxl must read; LookupError when there is no sheet of that name.

    on_row gets each row as it is read (not yet padded), before the file is read to the end."""
    try:
        with zipfile.ZipFile(path) as book:
            sheet, strings_part, styles_part = _parts(book, name)
            strings = _shared_strings(book, strings_part)
            dates = _date_styles(book, styles_part)
            with book.open(sheet) as source:
                table = _rows(source, strings, dates, on_row)
    except _UNREADABLE as exc:
        raise Unsupported(str(exc)) from exc
    width = max((len(cells) for _, cells in table), default=0)
    for _, cells in table:
        cells.extend([""] * (width - len(cells)))
    return table


def _xml(book: zipfile.ZipFile, name: str) -> Element:
    with book.open(name) as source:
        return parse(source).getroot()


def sheet_names(path: Source) -> list[str]:
    """The names of a workbook's sheets in order; [] when it cannot be read."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = _xml(book, "xl/workbook.xml")
    except _UNREADABLE:
        return []
    return [s.get("name", "") for s in workbook.iterfind(f"{_NS}sheets/{_NS}sheet")]


def _parts(book: zipfile.ZipFile, name: str | None) -> tuple[str, str | None, str | None]:
    """Zip names of the first worksheet (or the one called name), shared strings and styles."""
    workbook = _xml(book, "xl/workbook.xml")
    sheets = list(workbook.iterfind(f"{_NS}sheets/{_NS}sheet"))
    chosen = [s for s in sheets if name is None or s.get("name") == name][:1]
    if not chosen and name is not None:
        raise LookupError(name)
    if not chosen:
        raise Unsupported("no worksheet in the workbook")
    first = chosen[0]
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for rel in _xml(book, "xl/_rels/workbook.xml.rels").iter(_REL_NS + "Relationship"):
        target = rel.get("Target", "")
        name = target[1:] if target.startswith("/") else posixpath.normpath("xl/" + target)
        targets[rel.get("Id", "")] = name
        by_type[rel.get("Type", "").rsplit("/", 1)[-1]] = name
    sheet = targets.get(first.get(_DOC_REL, ""), "")
    if not sheet.startswith("xl/worksheets/"):
        raise Unsupported("the first sheet is not a worksheet")
    return sheet, by_type.get("sharedStrings"), by_type.get("styles")


def _text(node: Element) -> str:
    """The plain text of a string item: its <t>, or its runs' <t>s (phonetic guides left out)."""
    if len(node) == 1 and node[0].tag == _T:  # the usual plain string
        return node[0].text or ""
    parts = [node.findtext(_T) or ""]
    parts.extend(run.findtext(_T) or "" for run in node.iterfind(_RUN))
    return "".join(parts)


def _shared_strings(book: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None or part not in book.namelist():
        return []
    strings: list[str] = []
    with book.open(part) as source:
        for _, node in iterparse(source):
            if node.tag == _SI:
                strings.append(_text(node).replace("x005F_", ""))  # as openpyxl reads them
                node.clear()
    return strings


def _date_styles(book: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """Style ids whose number format may show a date or time (numbers in them need openpyxl)."""
    if part is None or part not in book.namelist():
        return frozenset()
    styles = _xml(book, part)
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in styles.iterfind(f"{_NS}numFmts/{_NS}numFmt")
    }
    dates: set[int] = set()
    for index, xf in enumerate(styles.iterfind(f"{_NS}cellXfs/{_NS}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt)
        if fmt in _DATE_FORMAT_IDS or (code and _DATE_LETTERS.search(_QUOTED.sub("", code))):
            dates.add(index)
    return frozenset(dates)


def _number(text: str) -> str:
    if "." in text or "e" in text or "E" in text:
        value = float(text)
        return str(int(value)) if value.is_integer() else str(value)
    return str(int(text))


def _rows(
    source: IO[bytes], strings: list[str], dates: frozenset[int], on_row: RowHook | None
) -> list[tuple[int, list[str]]]:
    columns: dict[str, int] = {}
    table: list[tuple[int, list[str]]] = []
    number = 0
    for _, row in iterparse(source):
        if row.tag != _ROW:
            continue
        r = row.get("r")
        number = int(r) if r else number + 1
        cells: list[str] = []
        for cell in row:
            if cell.tag != _CELL:
                continue
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                col = columns.get(letters)
                if col is None:
                    col = columns[letters] = _column(letters)
                if col < len(cells):
                    raise Unsupported(f"cell {ref} out of order")
                cells.extend([""] * (col - len(cells)))
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                inline = _child(cell, _INLINE)
                text = _text(inline) if inline is not None else ""
            else:
                found = _child(cell, _VALUE)
                value = (found.text or "") if found is not None else ""
                if not value:
                    text = ""
                elif kind == "n":
                    if int(cell.get("s", "0")) in dates:
                        raise Unsupported("a date-formatted cell")
                    text = _number(value)
                elif kind == "s":
                    text = strings[int(value)]
                elif kind == "b":
                    text = str(bool(int(value)))
                elif kind in ("str", "e"):
                    text = value
                else:
                    raise Unsupported(f"cell type {kind!r}")
            cells.append(text.strip())
        row.clear()
        if cells:
            table.append((number, cells))
            if on_row is not None:
                on_row(number, cells)
    return table


def _child(node: Element, tag: str) -> Element | None:
    """The last child with this tag (as a dict of children by tag would keep it)."""
    found = None
    for child in node:
        if child.tag == tag:
            found = child
    return found


def _column(letters: str) -> int:
    """0-based column index of 'A', 'Z', 'AA' ...; ValueError for anything else."""
    if not letters or not letters.isalpha() or not letters.isascii():
        raise ValueError(f"not a cell reference: {letters!r}")
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1
