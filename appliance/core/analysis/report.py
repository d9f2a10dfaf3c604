"""The owner's monthly report: one .xlsx with the month's KPIs and their 12-month trend (with
charts), cohorts, breakdowns, the weekday × hour heat map, operators and the top customers."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from appliance.core.analysis import breakdowns, explain, figures, health, kpis
from appliance.core.analysis.months import label
from appliance.core.errors import InvalidInput

TREND_MONTHS = 12
TOP = 100
WEEKDAYS = ("月 Mon", "火 Tue", "水 Wed", "木 Thu", "金 Fri", "土 Sat", "日 Sun")
_KPI_COLUMNS = (
    ("month", "月 month"),
    ("customers", "顧客数 customers"),
    ("new", "新規 new"),
    ("repeat", "リピート repeat"),
    ("repeat_rate", "リピート率 repeat rate"),
    ("orders", "注文数 orders"),
    ("revenue", "売上 revenue"),
    ("average_order", "平均注文額 average order"),
    ("spend_per_customer", "顧客単価 spend per customer"),
    ("orders_per_customer", "注文回数 orders per customer"),
    ("churn", "離反率 churn"),
    ("revenue_churn", "売上離反率 revenue churn"),
    ("nps", "NPS"),
)


def _bold(sheet: Any, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _text(value: Any) -> Any:
    """A cell value that a spreadsheet never runs as a formula."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def _summary(book: Any, k: kpis.Kpis) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference

    sheet = book.active
    sheet.title = "概要 Summary"
    sheet.append([title for _, title in _KPI_COLUMNS])
    _bold(sheet, 1)
    for m in k.months:
        sheet.append([getattr(m, key) for key, _ in _KPI_COLUMNS])
    last = len(k.months) + 1
    sheet.append([])
    sheet.append(["計算方法 how computed"])
    for key, title in _KPI_COLUMNS[1:]:
        sheet.append([title, explain.how(key, "ja"), explain.how(key, "en")])
    months = Reference(sheet, min_col=1, min_row=2, max_row=last)
    line = LineChart()
    line.title = "顧客数 Customers"
    line.add_data(
        Reference(sheet, min_col=2, max_col=4, min_row=1, max_row=last), titles_from_data=True
    )
    line.set_categories(months)
    sheet.add_chart(line, "O2")
    bars = BarChart()
    bars.title = "売上 Revenue"
    bars.add_data(Reference(sheet, min_col=7, min_row=1, max_row=last), titles_from_data=True)
    bars.set_categories(months)
    sheet.add_chart(bars, "O20")


def _cohorts(book: Any, k: kpis.Kpis) -> None:
    sheet = book.create_sheet("コホート Cohorts")
    width = len(k.months)
    head = ["初回月 first month", "人数 size", *[f"+{i}" for i in range(width)]]
    sheet.append(["顧客の継続率 customers retained", explain.how("cohort", "en")])
    sheet.append(head)
    for c in k.cohorts:
        sheet.append([c.month, c.size, *c.customers])
    sheet.append([])
    sheet.append(["売上の継続率 revenue retained", explain.how("cohort_revenue", "en")])
    sheet.append(["初回月 first month", "売上 revenue", *head[2:]])
    for c in k.cohorts:
        sheet.append([c.month, c.revenue, *c.revenue_share])


def _rows(sheet: Any, title: str, rows: list[breakdowns.Row]) -> None:
    sheet.append([title, "注文 orders", "売上 revenue", "顧客 customers"])
    for r in rows:
        sheet.append([_text(r.label) or "—", r.count, r.revenue, len(r.customers)])
    sheet.append([])


def _breakdowns(book: Any, b: breakdowns.Breakdowns) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.formatting.rule import ColorScaleRule

    sheet = book.create_sheet("内訳 Breakdowns")
    start = 1
    _rows(sheet, "分類 category", b.category)
    chart = BarChart()
    chart.title = "分類別売上 Revenue by category"
    end = start + len(b.category)
    chart.add_data(Reference(sheet, min_col=3, min_row=start, max_row=end), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=start + 1, max_row=end))
    sheet.add_chart(chart, "G2")
    for title, rows in (
        ("商品 product", b.product),
        ("都道府県 region", b.region),
        ("市区町村 city", b.city),
        ("年代 age band", b.age),
        ("性別 gender", b.gender),
    ):
        _rows(sheet, title, rows)
    heat = book.create_sheet("時間帯 Heat")
    for title, grid in (("着信 calls", b.calls_heat), ("注文 orders", b.orders_heat)):
        top = heat.max_row + (2 if heat.max_row > 1 else 0)
        heat.cell(top, 1, title)
        for h in range(24):
            heat.cell(top, 2 + h, h)
        for d, counts in enumerate(grid):
            heat.cell(top + 1 + d, 1, WEEKDAYS[d])
            for h, n in enumerate(counts):
                heat.cell(top + 1 + d, 2 + h, n)
        area = f"B{top + 1}:Y{top + 7}"
        heat.conditional_formatting.add(
            area,
            ColorScaleRule(
                start_type="min", start_color="FFFFFF", end_type="max", end_color="F8696B"
            ),
        )
    ops = book.create_sheet("担当者 Operators")
    ops.append(
        [
            "担当 operator",
            "着信 calls",
            "不在 missed",
            "応答まで(秒) claim s",
            "通話(秒) talk s",
            "後処理(秒) after-call s",
            "メモ notes",
            "メモ作成(秒) writing s",
        ]
    )
    for o in b.operators:
        ops.append(
            [
                _text(o.name),
                o.calls,
                o.missed,
                o.claim_s,
                o.talk_s,
                o.after_call_s,
                o.notes,
                o.note_writing_s,
            ]
        )
    ops.append(["不在着信 missed calls (all)", b.missed])


def _customers(book: Any) -> None:
    sheet = book.create_sheet("顧客 Customers")
    head = ["顧客ID id", "氏名 name", "ランク rank", "十分位 decile", "RFM", "LTV"]
    head += ["期間売上 window spend", "累計 revenue", "注文 orders", "休眠 dormant"]
    sheet.append([*head, "健康度 health", explain.how("health", "en")])
    scores = health.scores()
    for f in figures.by_rank(None, TOP):
        row = [f.customer_id, _text(f.name), f.rank, f.decile, f.rfm, f.ltv, f.window_spend]
        row += [f.revenue, f.orders, "1" if f.dormant else "", scores.get(f.customer_id)]
        sheet.append(row)


def write_report(month: dt.date, path: Path) -> int:
    """Write the report of business month `month` to path (.xlsx, owner-readable only);
    returns the number of sheets."""
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"報告書は .xlsx です / the report is an .xlsx file, not {path.suffix!r}"
        )
    import openpyxl  # heavy; only when a report is written

    k = kpis.monthly(month, TREND_MONTHS)
    book = openpyxl.Workbook()
    _summary(book, k)
    _cohorts(book, k)
    _breakdowns(book, breakdowns.month_breakdowns(month))
    _customers(book)
    book.properties.title = f"Ringdesk {label(month)}"
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)
    book.save(path)
    return len(book.sheetnames)
