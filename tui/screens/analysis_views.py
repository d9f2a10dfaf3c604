"""What each view of the analysis screen shows: table rows (with the figure to drill into and
the 'how computed' key of each) and the series to chart. No Textual here."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.contract.analysis import (
    AnalysisBreakdownsOut,
    AnalysisListOut,
    AnalysisMonthOut,
    AnalysisOverviewOut,
)
from tui.format import money
from tui.i18n import t

WEEKDAYS = {"ja": "月火水木金土日", "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}
MONEY = ("revenue", "average_order", "spend_per_customer")
RATES = ("repeat_rate", "churn", "revenue_churn")
KPI_FIGURES = (
    "customers", "new", "repeat", "repeat_rate", "orders", "revenue", "average_order",
    "spend_per_customer", "orders_per_customer", "churn", "revenue_churn", "nps",
)  # fmt: skip
GENDERS = ("female", "male", "other", "unknown")
DRILLABLE = {"customers": "customers", "new": "new"}


@dataclass
class ViewRow:
    """One table row: its cells, the 'how' key, and the figure behind it (figure, value)."""

    cells: list[str]
    how: str = ""
    drill: tuple[str, str] | None = None
    customer_id: int | None = None
    series: list[float] = field(default_factory=list)  # charted when the row is highlighted


def shown(figure: str, value: float | None) -> str:
    """A figure's value as text: money, a rate in %, NPS, or a count."""
    if value is None:
        return t("analysis.none")
    if figure in MONEY:
        return money(round(value))
    if figure in RATES:
        return f"{100 * value:.1f}%"
    if figure in ("nps", "orders_per_customer"):
        return f"{value:.1f}" if figure == "orders_per_customer" else f"{value:+.0f}"
    return f"{int(value):,}"


def _trend(now: float | None, before: float | None) -> str:
    if now is None or before is None or now == before:
        return "→"
    return "↑" if now > before else "↓"


def kpi_rows(view: AnalysisOverviewOut) -> list[ViewRow]:
    """Each KPI this month and last, with its trend, then ranks, dormant, due, health."""
    months: list[AnalysisMonthOut] = view.months
    this, last = months[-1], months[-2] if len(months) > 1 else None
    rows = []
    for fig in KPI_FIGURES:
        now = getattr(this, fig)
        before = getattr(last, fig) if last is not None else None
        series = [float(getattr(m, fig) or 0) for m in months]
        cells = [t(f"analysis.fig.{fig}"), shown(fig, now), shown(fig, before), _trend(now, before)]
        drill = (DRILLABLE[fig], "") if fig in DRILLABLE else None
        rows.append(ViewRow(cells, fig, drill, series=series))
    for rank in ("A", "B", "C"):
        count = float(view.ranks.get(rank, 0))
        cells = [t("analysis.fig.rank", rank=rank), shown("rank", count), "", ""]
        rows.append(ViewRow(cells, "rank", ("rank", rank)))
    rows.append(
        ViewRow(
            [t("analysis.fig.dormant"), shown("n", view.dormant), "", ""], "rank", ("dormant", "")
        )
    )
    rows.append(ViewRow([t("analysis.fig.due"), shown("n", view.due), "", ""], "rfm", ("due", "")))
    health = t("analysis.none") if view.health_average is None else f"{view.health_average:.0f}"
    rows.append(ViewRow([t("analysis.fig.health"), health, "", ""], "health"))
    return rows


def cohort_rows(view: AnalysisOverviewOut, width: int) -> list[ViewRow]:
    """Each first-order month: its size and the share still ordering +1..+width months on."""
    rows = []
    for c in view.cohorts:
        shares = [f"{100 * s:.0f}%" if s is not None else "" for s in c.customers[1 : width + 1]]
        shares += [""] * (width - len(shares))
        series = [100 * (s or 0) for s in c.customers]
        rows.append(
            ViewRow([c.month, str(c.size), *shares], "cohort", ("new", c.month), series=series)
        )
    return rows


def breakdown_rows(parts: AnalysisBreakdownsOut, per_kind: int = 8) -> list[ViewRow]:
    """The month's categories, products, prefectures, cities, age bands and genders."""
    rows = []
    for kind in ("category", "product", "region", "city", "age", "gender"):
        items = getattr(parts, kind)[:per_kind]
        series = [float(r.revenue) for r in items]
        for r in items:
            label = r.label or t("analysis.none")
            if kind == "gender":
                label = t(f"analysis.gender.{r.label}") if r.label in GENDERS else label
            cells = [
                t(f"analysis.kind.{kind}"),
                label,
                f"{r.count:,}",
                money(r.revenue),
                f"{r.customers:,}",
            ]
            drill_kind = kind if kind != "product" else None
            drill = (drill_kind, r.label) if drill_kind and kind != "age" else None
            rows.append(ViewRow(cells, "revenue", drill, series=series))
    return rows


def heat_rows(parts: AnalysisBreakdownsOut, lang: str) -> list[ViewRow]:
    """Calls and orders by weekday (rows) and hour (columns 0-23 in 3-hour blocks)."""
    names = WEEKDAYS["ja" if lang == "ja" else "en"]
    rows = []
    for title, grid in (
        (t("analysis.col.calls"), parts.calls_heat),
        (t("analysis.col.orders"), parts.orders_heat),
    ):
        for d, hours in enumerate(grid):
            blocks = [str(sum(hours[h : h + 3])) for h in range(0, 24, 3)]
            rows.append(
                ViewRow([title, names[d], *blocks], "heat", series=[float(n) for n in hours])
            )
    return rows


def operator_rows(parts: AnalysisBreakdownsOut) -> list[ViewRow]:
    """Each operator's calls, missed, time to claim, talk, after-call and note writing."""

    def secs(value: float | None) -> str:
        return t("analysis.none") if value is None else f"{value:.0f}s"

    rows = [
        ViewRow([o.name, str(o.calls), str(o.missed), secs(o.claim_s), secs(o.talk_s),
                 secs(o.after_call_s), f"{o.note_writing_s}s"], "talk")
        for o in parts.operators
    ]  # fmt: skip
    rows.append(ViewRow([t("analysis.col.missed"), "", str(parts.missed), "", "", "", ""], "claim"))
    return rows


def list_rows(found: AnalysisListOut) -> list[ViewRow]:
    """The list's customers with rank, RFM, revenue and why they are on it."""
    rows = []
    for r in found.rows:
        reason = r.reason + ("  " + " / ".join(r.before) if r.before else "")
        rows.append(ViewRow([r.name, r.rank or "-", r.rfm, money(r.revenue), reason], "list",
                            customer_id=r.customer_id))  # fmt: skip
    return rows
