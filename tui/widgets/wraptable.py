"""A table whose last column wraps in the width left over, so long text is never cut off."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

MIN_LAST = 16  # the wrapped column never gets narrower than this


def _cells(value: str | Text) -> int:
    plain = value.plain if isinstance(value, Text) else value
    return max((cell_len(line) for line in plain.splitlines() or [""]), default=0)


def fill_wrapped(
    table: DataTable[str | Text], rows: Sequence[tuple[Sequence[str | Text], str]]
) -> None:
    """Replace the rows (cells, key); every column as wide as its widest cell, the last
    one takes the rest of the table's width and wraps (a row is as tall as it needs)."""
    table.clear()
    columns = list(table.columns.values())
    if not columns:
        return
    pad = 2 * table.cell_padding
    widths = [cell_len(c.label.plain) for c in columns]
    for cells, _key in rows:
        for i, cell in enumerate(cells[: len(columns) - 1]):
            widths[i] = max(widths[i], _cells(cell))
    for column, width in zip(columns[:-1], widths, strict=False):
        column.width, column.auto_width = width, False
    room = table.scrollable_content_region.width or table.size.width
    used = sum(w + pad for w in widths[:-1]) + pad + 2  # (+2: the vertical scrollbar)
    last = columns[-1]
    last.width, last.auto_width = max(MIN_LAST, room - used), False
    for cells, key in rows:
        table.add_row(*cells, height=None, key=key)
