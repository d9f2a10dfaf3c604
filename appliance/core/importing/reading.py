"""Read a spreadsheet (.xlsx, or .csv in UTF-8, UTF-8 with BOM or CP932) as rows of text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Protocol

from appliance.core.errors import InvalidInput
from appliance.core.importing.sheet import Sheet, decode_csv_bytes
from appliance.core.importing.xlsx_cells import Source, Unsupported, read_xlsx_rows
from appliance.core.vcard.reading import read_vcards

__all__ = ["Sheet", "decode_csv_bytes", "read_sheet"]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value).strip()


def _read_csv(data: bytes) -> Sheet:
    text, encoding = decode_csv_bytes(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        table = [(n, [c.strip() for c in row]) for n, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise InvalidInput(f"CSVとして読めません / not a readable CSV file: {exc}") from exc
    return _sheet(table, encoding)


class RowListener(Protocol):
    """Told of an .xlsx's rows while it is read, so their checks can start before the end."""

    def row(self, number: int, cells: list[str]) -> None:
        """One row with a cell, as read (not padded); blank rows are the listener's to skip."""

    def restart(self) -> None:
        """The rows told so far do not count: the file is read again another way."""


def _read_xlsx(path: Source, listener: RowListener | None) -> Sheet:
    try:
        return _sheet(read_xlsx_rows(path, listener.row if listener else None), None)
    except Unsupported:  # dates, or a file only openpyxl can read or explain
        if listener:
            listener.restart()
        return _read_xlsx_openpyxl(path)


def _read_xlsx_openpyxl(path: Source) -> Sheet:
    import openpyxl  # heavy; only when an xlsx is read

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput(
            f"Excelファイルとして読めません / not a readable .xlsx file: {exc}"
        ) from exc
    try:
        sheet = book.worksheets[0]
        table = [
            (n, [_cell_text(v) for v in row])
            for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _sheet(table, None)


def _sheet(table: list[tuple[int, list[str]]], encoding: str | None) -> Sheet:
    """Header = first non-empty row; blank rows dropped; every row padded to the header width."""
    table = [(n, row) for n, row in table if any(row)]
    if not table:
        raise InvalidInput("ファイルが空です / the file has no rows")
    (_, headers), body = table[0], table[1:]
    width = len(headers)
    rows = [(n, (row + [""] * width)[: max(width, len(row))]) for n, row in body]
    return Sheet(headers=headers, rows=rows, encoding=encoding)


def read_sheet(path: Path, listener: RowListener | None = None, data: bytes | None = None) -> Sheet:
    """Read the first sheet of an .xlsx, a .csv/.tsv/.txt file or a .vcf's cards as rows;
    InvalidInput when unreadable. data: the file's bytes when they are not on disk (an upload;
    path then gives only the name).

    listener hears an .xlsx's rows as they are read (see RowListener); the Sheet is the result."""
    suffix = path.suffix.lower()
    if data is None and not path.is_file():
        raise InvalidInput(f"ファイルがありません / no such file: {path}")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(io.BytesIO(data) if data is not None else path, listener)
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(data if data is not None else path.read_bytes())
    if suffix in (".vcf", ".vcard"):
        return read_vcards(data if data is not None else path.read_bytes())
    raise InvalidInput(
        f"対応していない形式です / unsupported file type {suffix!r}: use .xlsx, .csv or .vcf"
    )
