"""The undo list: customers deleted lately; Enter brings one back and opens its card."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from appliance.contract.trash import DeletedCustomerOut
from tui.client.errors import DeskError
from tui.client.trash import deleted_customers, restore_customer
from tui.format import local
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen
from tui.widgets.wraptable import fill_wrapped


class TrashScreen(DeskScreen):
    """Deleted customers, newest first."""

    BINDINGS = [key("escape", "back", "key.close")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DeletedCustomerOut] = []

    def body(self) -> ComposeResult:
        """A heading and one table."""
        with Vertical(id="trash"):
            yield Label(t("trash.title"), classes="heading")
            yield DataTable(id="trash-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="trash-note", classes="hint")

    def on_mount(self) -> None:
        """Load."""
        super().on_mount()
        self.load()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#trash-table", DataTable).add_columns(
            t("trash.deleted_at"), t("trash.by"), t("col.name")
        )

    def state_changed(self, reload: bool) -> None:
        """Reload after a resync or a language switch."""
        if reload:
            self.load()

    @work(exclusive=True, group="trash")
    async def load(self) -> None:
        """GET /trash/customers."""
        try:
            self.rows = await deleted_customers(self.api)
        except DeskError as exc:
            self.fail(exc, "trash")
            return
        self.show()

    def show(self) -> None:
        """The rows, the name and number last (it wraps)."""
        table = self.query_one("#trash-table", DataTable)
        rows = [
            (
                (
                    local(r.deleted_at),
                    r.deleted_by,
                    "  ".join(x for x in (r.display_name, r.company, r.phone) if x),
                ),
                str(r.id),
            )
            for r in self.rows
        ]
        fill_wrapped(table, rows)
        self.query_one("#trash-note", Label).update("" if self.rows else t("trash.empty"))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: bring it back."""
        if event.row_key.value is not None:
            self.bring_back(int(event.row_key.value))

    @work(group="trash-restore")
    async def bring_back(self, customer_id: int) -> None:
        """POST /customers/{id}/restore, then its card."""
        try:
            card = await restore_customer(self.api, customer_id)
        except DeskError as exc:
            self.fail(exc, "restore")
            return
        self.notify(t("trash.restored", name=card.display_name))
        self.load()
        self.desk.open_customer(card.id)

    def action_back(self) -> None:
        """Escape: back."""
        self.dismiss(None)
