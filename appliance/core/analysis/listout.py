"""A list leaves the analysis: as a .xlsx/.csv file, or as a call list in one step."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from appliance.core import call_lists
from appliance.core.actor import Actor
from appliance.core.analysis.lists import ListRow
from appliance.core.errors import InvalidInput
from appliance.db.models import CallList

HEADERS = (
    "顧客ID id", "氏名 name", "ランク rank", "十分位 decile", "RFM", "LTV", "累計売上 revenue",
    "注文数 orders", "最終注文 last order", "周期(日) cycle days", "次回予定 next due",
    "休眠 dormant", "理由 reason", "直前の出来事 before",
)  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas


def cells(row: ListRow) -> list[Any]:
    """One list row as spreadsheet cells (dates as ISO text, empty for none)."""
    f = row.figures
    return [
        f.customer_id,
        f.name,
        f.rank,
        f.decile or "",
        f.rfm,
        f.ltv,
        f.revenue,
        f.orders,
        f.last_order_at.date().isoformat() if f.last_order_at else "",
        round(f.cycle_days, 1) if f.cycle_days is not None else "",
        f.next_due_at.date().isoformat() if f.next_due_at else "",
        "1" if f.dormant else "",
        row.reason,
        " / ".join(f"{b.at.date().isoformat()} {b.kind}: {b.text}" for b in row.before),
    ]


def _text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_file(rows: Sequence[ListRow], path: Path) -> int:
    """Write the rows to path (.xlsx or .csv UTF-8 with BOM, owner-readable only) -> count."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(
            f"対応していない形式です / unsupported file type {suffix!r}: .xlsx or .csv"
        )
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)
    if suffix == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(HEADERS)
            writer.writerows([_text(v) for v in cells(r)] for r in rows)
        return len(rows)
    import openpyxl  # heavy; only when an xlsx is written
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("一覧 List")
    sheet.append(list(HEADERS))
    for r in rows:
        out = []
        for v in cells(r):
            cell = WriteOnlyCell(sheet, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            out.append(cell)
        sheet.append(out)
    book.save(path)
    return len(rows)


def to_call_list(
    actor: Actor, name: str, rows: Sequence[ListRow], description: str = ""
) -> CallList:
    """A call list with one entry per customer of the rows, in their order."""
    if not rows:
        raise InvalidInput("一覧が空です / the list is empty: no call list made")
    ids = [r.figures.customer_id for r in rows]
    return call_lists.create_call_list(actor, name, ids, description=description)
