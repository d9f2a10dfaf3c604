"""The customers behind a figure of the analysis screen; Enter opens a card."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract.analysis import DrillOut
from tui.client import analysis_api
from tui.client.errors import DeskError
from tui.format import flags
from tui.i18n import t
from tui.keys import key
from tui.messages import Failed
from tui.screens.base import DeskDialog


class Drilled(Message):
    """The customers behind the figure."""

    def __init__(self, found: DrillOut) -> None:
        super().__init__()
        self.found = found


class DrillDialog(DeskDialog):
    """Dismissed with a customer id (to open their card) or None."""

    BINDINGS = [key("escape", "close", "key.close")]  # noqa: RUF012

    def __init__(self, title: str, figure: str, month: str, value: str) -> None:
        super().__init__()
        self.title_text, self.figure, self.month, self.value = title, figure, month, value
        self.found: DrillOut | None = None

    def compose(self) -> ComposeResult:
        """Heading and the customers."""
        with Vertical(id="drill", classes="dialog"):
            yield Label(self.title_text, id="drill-title", classes="heading")
            yield DataTable(id="drill-customers", cursor_type="row", zebra_stripes=True)
            yield Label("", id="drill-note", classes="hint")

    def on_mount(self) -> None:
        """Columns, then the customers."""
        super().on_mount()
        table = self.query_one("#drill-customers", DataTable)
        table.add_columns(t("col.name"), t("col.phone"), "", t("col.company"))
        table.focus()
        self.load()

    @work(exclusive=True, group="drill")
    async def load(self) -> None:
        """GET /analysis/drill."""
        api = self.desk.api
        if api is None:
            return
        try:
            found = await analysis_api.drill(api, self.figure, self.month, self.value)
        except DeskError as exc:
            self.desk.post_message(Failed(exc, "analysis"))
            return
        self.post_message(Drilled(found))

    def on_drilled(self, message: Drilled) -> None:
        """Fill the table."""
        self.found = message.found
        title = t("analysis.drill.title", figure=self.title_text, count=message.found.count)
        self.query_one("#drill-title", Label).update(title)
        table = self.query_one("#drill-customers", DataTable)
        table.clear()
        for c in message.found.customers:
            table.add_row(
                c.display_name, c.phone or "", flags(c.vip, c.caution, c.blocked), c.company or "",
                key=str(c.id),
            )  # fmt: skip
        if message.found.count > len(message.found.customers):
            shown = t("analysis.drill.more", shown=len(message.found.customers))
            self.query_one("#drill-note", Label).update(shown)

    @on(DataTable.RowSelected, "#drill-customers")
    def picked(self, event: DataTable.RowSelected) -> None:
        """Enter: that customer's card."""
        if event.row_key.value is not None:
            self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        """Esc."""
        self.dismiss(None)
