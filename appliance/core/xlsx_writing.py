"""A streaming .xlsx writer over openpyxl's write-only mode that keeps every text a text
(a name starting with = is not turned into a formula) and drops the control characters the
format cannot hold."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import IO, Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Excel's last row: a longer sheet would not open.
MAX_ROWS = 1_048_576


class Sheet:
    """One worksheet being written, header row first."""

    def __init__(self, sheet: Any, headers: list[str]) -> None:
        self._sheet = sheet
        self.rows = 0
        self.append(headers)

    def append(self, cells: list[Any]) -> bool:
        """Write one row; False (and nothing written) when the sheet is full."""
        if self.rows >= MAX_ROWS:
            return False
        self._sheet.append([self._cell(v) for v in cells])
        self.rows += 1
        return True

    def _cell(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not text.startswith("="):
            return text
        cell = WriteOnlyCell(self._sheet, value=text)
        cell.data_type = "s"
        return cell


class Book:
    """A workbook saved to path (or a binary file) when the with-block ends without error."""

    def __init__(self, path: Path | IO[bytes]) -> None:
        self.path = path
        self._book = openpyxl.Workbook(write_only=True)

    def sheet(self, name: str, headers: list[str]) -> Sheet:
        """A new worksheet, after the ones already made."""
        return Sheet(self._book.create_sheet(name), list(headers))

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self._book.save(self.path)
