"""Search as you type (kana, kanji, latin, any part of a phone number); Enter picks."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from appliance.contract import CustomerSummary
from tui.client.errors import DeskError
from tui.format import flags
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

DEBOUNCE_S = 0.12


class Results(Message):
    """Matches for a query."""

    def __init__(self, query: str, found: list[CustomerSummary]) -> None:
        super().__init__()
        self.query, self.found = query, found


class SearchDialog(DeskDialog):
    """Dismissed with a customer id or None."""

    BINDINGS = [key("escape", "close", "key.close")]  # noqa: RUF012

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.found: list[CustomerSummary] = []

    def compose(self) -> ComposeResult:
        """Query and results."""
        with Vertical(id="search", classes="dialog"):
            yield Label(t("search.title"), classes="heading")
            yield Input(value=self.initial, placeholder=t("search.placeholder"), id="q")
            yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
            yield Label("", id="search-note", classes="hint")

    def on_mount(self) -> None:
        """Columns; focus the query."""
        super().on_mount()
        # name, number and flags first: they stay in view when the dialog is narrow
        self.query_one("#results", DataTable).add_columns(
            t("col.name"), t("col.phone"), "", t("col.company"), t("field.reading")
        )
        self.query_one("#q", Input).focus()
        if self.initial:
            self.lookup(self.initial)

    def awaiting_query(self) -> bool:
        """Opened to type into and nothing typed yet (a pop waits rather than take the keys)."""
        query = self.query_one("#q", Input)
        return query.has_focus and not query.value

    @on(Input.Changed, "#q")
    def typed(self, event: Input.Changed) -> None:
        """Every keystroke searches again (the previous search is cancelled)."""
        self.lookup(event.value)

    @work(exclusive=True, group="search")
    async def lookup(self, query: str) -> None:
        """GET /customers/search, after a short pause in typing."""
        if not query.strip():
            self.post_message(Results(query, []))
            return
        await asyncio.sleep(DEBOUNCE_S)
        api = self.desk.api
        if api is None:
            return
        try:
            found = await api.search(query.strip(), limit=30)
        except DeskError as exc:
            self.query_one("#search-note", Label).update(str(exc))
            return
        self.post_message(Results(query, found))

    def on_results(self, message: Results) -> None:
        """Show the matches for the current query only."""
        if message.query != self.query_one("#q", Input).value:
            return
        self.found = message.found
        table = self.query_one("#results", DataTable)
        table.clear()
        for c in message.found:
            table.add_row(
                c.display_name,
                c.phone,
                Text(flags(c.vip, c.caution, c.blocked), style="bold red"),
                c.company,
                c.reading,
                key=str(c.id),
            )
        none = message.query.strip() and not message.found
        self.query_one("#search-note", Label).update(t("search.none") if none else "")

    @on(Input.Submitted, "#q")
    def first(self) -> None:
        """Enter in the query: the highlighted (or first) match."""
        table = self.query_one("#results", DataTable)
        if self.found:
            row = table.cursor_row if table.cursor_row is not None else 0
            self.dismiss(self.found[min(row, len(self.found) - 1)].id)

    @on(DataTable.RowSelected, "#results")
    def picked(self, event: DataTable.RowSelected) -> None:
        """Enter on a result."""
        self.dismiss(int(event.row_key.value or 0))

    def key_down(self) -> None:
        """Down from the query moves into the results."""
        if self.query_one("#q", Input).has_focus and self.found:
            self.query_one("#results", DataTable).focus()

    def action_close(self) -> None:
        """Escape: nothing picked."""
        self.dismiss(None)
