"""The manager's analysis screen: KPIs with their 12-month trend, cohorts, breakdowns, the
weekday × hour heat map, operators and the lists; a chart of the highlighted row, the line
saying how it is computed, Enter for the customers behind it."""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static
from textual_plotext import PlotextPlot

from appliance.contract.analysis import AnalysisBreakdownsOut, AnalysisListOut, AnalysisOverviewOut
from tui.client import analysis_api
from tui.client.errors import DeskError
from tui.format import local
from tui.i18n import language, t
from tui.keys import key
from tui.screens import analysis_views as views
from tui.screens.base import DeskScreen

VIEWS = ("kpis", "cohorts", "breakdowns", "heat", "operators", "lists")
LISTS = ("due", "dormant", "at_risk", "cross_sell", "survey")
COHORT_WIDTH = 6
_COLUMNS: dict[str, tuple[str, ...]] = {
    "kpis": ("analysis.col.figure", "analysis.col.this", "analysis.col.last", "analysis.col.trend"),
    "cohorts": ("analysis.col.month", "analysis.col.size"),
    "breakdowns": ("analysis.col.kind", "analysis.col.label", "analysis.col.orders",
                   "analysis.col.revenue", "analysis.col.customers"),
    "heat": ("analysis.col.kind", "analysis.col.day"),
    "operators": ("analysis.col.operator", "analysis.col.calls", "analysis.col.missed",
                  "analysis.col.claim", "analysis.col.talk", "analysis.col.after",
                  "analysis.col.writing"),
    "lists": ("col.name", "analysis.col.kind", "RFM", "analysis.col.revenue",
              "analysis.col.reason"),
}  # fmt: skip


class Loaded(Message):
    """Data for the screen arrived (overview, breakdowns or a list)."""

    def __init__(self, data: AnalysisOverviewOut | AnalysisBreakdownsOut | AnalysisListOut) -> None:
        super().__init__()
        self.data = data


class AnalysisScreen(DeskScreen):
    """Keys 1-6 switch the view; r recomputes; Enter shows the customers behind a row."""

    DEFAULT_CSS = """
    #analysis { height: 1fr; }
    #analysis-chart { height: 35%; min-height: 6; }
    #analysis-table { height: 1fr; }
    #analysis-how { height: auto; max-height: 2; }
    """
    BINDINGS = [  # noqa: RUF012
        key("escape", "back", "key.close"),
        key("1", "view('kpis')", "analysis.view.kpis"),
        key("2", "view('cohorts')", "analysis.view.cohorts"),
        key("3", "view('breakdowns')", "analysis.view.breakdowns"),
        key("4", "view('heat')", "analysis.view.heat", show=False),
        key("5", "view('operators')", "analysis.view.operators", show=False),
        key("6", "view('lists')", "analysis.view.lists"),
        key("l", "next_list", "analysis.next_list", show=False),
        key("c", "call_list", "analysis.call_list", show=False),
        key("r", "refresh", "analysis.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mode = "kpis"
        self.list_name = LISTS[0]
        self.overview: AnalysisOverviewOut | None = None
        self.parts: AnalysisBreakdownsOut | None = None
        self.found: AnalysisListOut | None = None
        self.rows: list[views.ViewRow] = []

    def body(self) -> ComposeResult:
        """Heading, chart, table, the 'how computed' line."""
        with Vertical(id="analysis"):
            yield Label(t("analysis.loading"), id="analysis-title", classes="heading")
            yield PlotextPlot(id="analysis-chart")
            yield DataTable(id="analysis-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="analysis-how", classes="hint")

    def on_mount(self) -> None:
        """The first view."""
        super().on_mount()
        self.load_overview(False)

    def prepare(self) -> None:
        """Columns of the current view in the current language."""
        self.show()

    @property
    def month(self) -> str:
        """The month on show (the overview's last)."""
        return self.overview.months[-1].month if self.overview else ""

    @work(exclusive=True, group="analysis")
    async def load_overview(self, refresh: bool) -> None:
        """GET /analysis/overview."""
        try:
            self.post_message(Loaded(await analysis_api.overview(self.api, refresh)))
        except DeskError as exc:
            self.fail(exc, "analysis")

    @work(exclusive=True, group="analysis-more")
    async def load_more(self) -> None:
        """The month's breakdowns, or the list on show."""
        try:
            if self.mode == "lists":
                self.post_message(Loaded(await analysis_api.a_list(self.api, self.list_name)))
            elif self.month:
                self.post_message(Loaded(await analysis_api.breakdowns(self.api, self.month)))
        except DeskError as exc:
            self.fail(exc, "analysis")

    def on_loaded(self, message: Loaded) -> None:
        """Keep what came and redraw."""
        data = message.data
        if isinstance(data, AnalysisOverviewOut):
            self.overview = data
        elif isinstance(data, AnalysisBreakdownsOut):
            self.parts = data
        else:
            self.found = data
        self.show()

    def _rows(self) -> list[views.ViewRow] | None:
        """The view's rows, None while its data is still coming."""
        if self.mode in ("kpis", "cohorts"):
            if self.overview is None:
                return None
            if self.mode == "kpis":
                return views.kpi_rows(self.overview)
            return views.cohort_rows(self.overview, COHORT_WIDTH)
        if self.mode == "lists":
            if self.found is None or self.found.name != self.list_name:
                return None
            return views.list_rows(self.found)
        if self.parts is None or self.parts.month != self.month:
            return None
        if self.mode == "breakdowns":
            return views.breakdown_rows(self.parts)
        if self.mode == "heat":
            return views.heat_rows(self.parts, language())
        return views.operator_rows(self.parts)

    def show(self) -> None:
        """Draw the current view (asking the box for what it lacks)."""
        table = self.query_one("#analysis-table", DataTable)
        table.clear(columns=True)
        titles = [t(c) if "." in c else c for c in _COLUMNS[self.mode]]
        if self.mode == "cohorts":
            titles += [f"+{k}" for k in range(1, COHORT_WIDTH + 1)]
        if self.mode == "heat":
            titles += [f"{h}-" for h in range(0, 24, 3)]
        table.add_columns(*titles)
        self._title()
        rows = self._rows()
        if rows is None:
            self.rows = []
            if self.overview is not None:
                self.load_more()
            return
        self.rows = rows
        for i, row in enumerate(rows):
            table.add_row(*row.cells, key=str(i))
        if self.mode == "lists" and not rows:
            self.query_one("#analysis-how", Static).update(t("analysis.list.empty"))
        self._highlighted(0)

    def _title(self) -> None:
        if self.overview is None:
            return
        at = local(self.overview.computed_at, "%H:%M")
        view = t(f"analysis.view.{self.mode}")
        if self.mode == "lists":
            view = t(f"analysis.list.{self.list_name}")
        text = f"{t('analysis.title', month=self.month, at=at)}  [{view}]"
        self.query_one("#analysis-title", Label).update(text)

    @on(DataTable.RowHighlighted, "#analysis-table")
    def on_row(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted row's chart and how it is computed."""
        self._highlighted(int(event.row_key.value or 0))

    def _highlighted(self, index: int) -> None:
        if not 0 <= index < len(self.rows) or self.overview is None:
            return
        row = self.rows[index]
        how = self.overview.how.get(row.how)
        line = (how[0] if language() == "ja" else how[1]) if how else ""
        if row.how == "list":
            line = t("analysis.how.list")
        self.query_one("#analysis-how", Static).update(line)
        self._chart(row)

    def _chart(self, row: views.ViewRow) -> None:
        plot = self.query_one("#analysis-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plot.border_title = row.cells[0] if row.series else ""
        if row.series:
            if self.mode in ("kpis",) and self.overview is not None:
                labels = [m.month[2:] for m in self.overview.months]
            else:
                labels = [str(i) for i in range(len(row.series))]
            plt.bar(labels, row.series, marker="hd")
            plt.theme("clear")
        plot.refresh()

    def action_view(self, mode: str) -> None:
        """1-6: another view."""
        if mode in VIEWS:
            self.mode = mode
            self.show()

    def action_next_list(self) -> None:
        """l: the next list (due, dormant, at risk, cross-sell)."""
        self.list_name = LISTS[(LISTS.index(self.list_name) + 1) % len(LISTS)]
        if self.mode != "lists":
            self.mode = "lists"
        self.show()

    def action_refresh(self) -> None:
        """r: compute the overview again."""
        self.parts, self.found = None, None
        self.load_overview(True)

    @work(exclusive=True, group="analysis-call-list")
    async def action_call_list(self) -> None:
        """c on a list: make it a call list in one step."""
        if self.mode != "lists" or not self.rows:
            return
        title = f"{t(f'analysis.list.{self.list_name}')} {dt.date.today().isoformat()}"
        try:
            made = await analysis_api.to_call_list(self.api, self.list_name, title)
        except DeskError as exc:
            self.fail(exc, "analysis")
            return
        self.notify(t("analysis.list.made", name=made.name, n=made.entries))

    @on(DataTable.RowSelected, "#analysis-table")
    def drill(self, event: DataTable.RowSelected) -> None:
        """Enter: the customers behind the row (a list's row: that customer's card)."""
        index = int(event.row_key.value or 0)
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if row.customer_id is not None:
            self.desk.open_customer(row.customer_id)
            return
        if row.drill is None:
            return
        from tui.dialogs.drill import DrillDialog

        figure, value = row.drill
        month = value if figure == "new" and value else self.month
        value = "" if figure == "new" else value
        self.desk.push_screen(DrillDialog(row.cells[0], figure, month, value), self._opened)

    def _opened(self, picked: object) -> None:
        if isinstance(picked, int):
            self.desk.open_customer(picked)

    def action_back(self) -> None:
        """Esc."""
        self.dismiss()
