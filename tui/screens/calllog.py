"""The call log with filters: missed only, line, desk, day."""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Input, Label

from appliance.contract import CallOut
from tui.client.errors import DeskError
from tui.format import call_number, call_state, duration, local
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen


class LogLoaded(Message):
    """A page of the call log."""

    def __init__(self, calls: list[CallOut]) -> None:
        super().__init__()
        self.calls = calls


def day_range(text: str) -> tuple[dt.datetime, dt.datetime] | None:
    """A local day 'YYYY-MM-DD' as a UTC [since, until) pair; None if not a date."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    start = dt.datetime.combine(day, dt.time()).astimezone()
    return start.astimezone(dt.UTC), (start + dt.timedelta(days=1)).astimezone(dt.UTC)


class CallLogScreen(DeskScreen):
    """Filters on top; Enter opens the caller's card."""

    BINDINGS = [key("escape", "back", "key.close")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[CallOut] = []

    def body(self) -> ComposeResult:
        """Filters and the table."""
        with Vertical(id="calllog"):
            yield Label(t("log.title"), classes="heading")
            with Horizontal(classes="row filters"):
                yield Checkbox(t("log.missed"), id="missed")
                yield Input(placeholder=t("log.line"), id="line")
                yield Input(placeholder=t("log.desk"), id="desk", type="integer")
                yield Input(placeholder=t("log.date"), id="day")
            yield DataTable(id="log", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Load."""
        super().on_mount()
        self.load()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#log", DataTable).add_columns(
            t("col.time"),
            t("col.line"),
            t("col.number"),
            t("col.name"),
            t("col.state"),
            t("col.who"),
        )

    @on(Checkbox.Changed)
    @on(Input.Submitted)
    def refilter(self) -> None:
        """A filter changed."""
        self.load()

    def state_changed(self, reload: bool) -> None:
        """Calls moved on: reload."""
        self.load()

    @work(exclusive=True, group="log")
    async def load(self) -> None:
        """GET /calls with the filters."""
        desk = self.query_one("#desk", Input).value
        window = day_range(self.query_one("#day", Input).value)
        try:
            calls = await self.api.calls(
                missed=True if self.query_one("#missed", Checkbox).value else None,
                line=self.query_one("#line", Input).value.strip() or None,
                desk=int(desk) if desk.isdigit() else None,
                since=window[0] if window else None,
                until=window[1] if window else None,
                limit=200,
            )
        except DeskError as exc:
            self.fail(exc, "calls")
            return
        self.post_message(LogLoaded(calls))

    def on_log_loaded(self, message: LogLoaded) -> None:
        """Fill the table."""
        self.calls = message.calls
        table = self.query_one("#log", DataTable)
        table.clear()
        for c in self.calls:
            # the length rides with the state: a column of its own fell off 80 columns
            took = f" {duration(c.duration_s)}" if c.duration_s is not None else ""
            table.add_row(
                local(c.started_at),
                c.line,
                call_number(c),
                c.customer_name or c.caller_name or "",
                call_state(c.state) + took,
                c.user_name or c.desk_name or "",
                key=str(c.id),
            )

    @on(DataTable.RowSelected, "#log")
    def open_card(self, event: DataTable.RowSelected) -> None:
        """Enter: the caller's card."""
        call = next((c for c in self.calls if str(c.id) == event.row_key.value), None)
        if call is not None and call.customer_id is not None:
            self.desk.open_customer(call.customer_id)

    def action_back(self) -> None:
        """Escape."""
        self.dismiss(None)
