"""Home: the lines ringing now and the recent calls; an admin pairs a new desk from here."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract import CallOut
from tui.client.errors import DeskError
from tui.format import call_number, call_state, local
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen

RECENT = 30


class RecentCalls(Message):
    """The call log's newest page."""

    def __init__(self, calls: list[CallOut]) -> None:
        super().__init__()
        self.calls = calls


class HomeScreen(DeskScreen):
    """Ringing lines on top, recent calls below; Enter opens the pop or the card."""

    BINDINGS = [  # noqa: RUF012
        key("r", "reload", "card.loading", show=False),
        key("p", "open_pairing", "pair.open_key"),  # shown to admins (check_action)
        key("m", "manager", "mgr.key"),  # shown to admins (check_action)
        key("a", "analysis", "analysis.key"),  # shown to managers and admins (check_action)
        key("i", "import_customers", "xfer.key.import"),  # managers and admins
        key("x", "export_customers", "xfer.key.export"),  # managers and admins
        key("b", "bizcard", "bizcard.key"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.recent: list[CallOut] = []

    def body(self) -> ComposeResult:
        """Two tables."""
        with Vertical(id="home"):
            yield Label(t("home.ringing"), classes="heading")
            yield DataTable(id="ringing", cursor_type="row", zebra_stripes=True)
            yield Label(t("home.recent"), classes="heading")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns, then whatever is known."""
        super().on_mount()
        self.state_changed(True)

    def prepare(self) -> None:
        """Table columns in the current language."""
        cols = [t("col.line"), t("col.number"), t("col.name"), t("col.state"), t("col.who")]
        self.query_one("#ringing", DataTable).add_columns(*cols)
        self.query_one("#recent", DataTable).add_columns(t("col.time"), *cols)

    def state_changed(self, reload: bool) -> None:
        """Redraw the ringing table; reload the recent calls when asked or a call moved on."""
        table = self.query_one("#ringing", DataTable)
        table.clear()
        for live in self.desk.state.ringing():
            pop = live.pop
            name = " | ".join(c.display_name for c in pop.customers) or (pop.cid_name or "")
            who = t("pop.claimed_me") if live.claimed_by_me else (live.claimed_by or "")
            table.add_row(
                pop.line,
                pop.number_display or pop.number or "—",
                name,
                call_state(live.state),
                who,
                key=str(live.call_id),
            )
        if self.desk.state.user is not None:
            self.load_recent()
        self.refresh_bindings()  # who is logged in decides the admin's keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """p (pair a new desk) and m (the manager's desk) are an admin's keys; a (analysis),
        i and x (import, export) a manager's too; others find them in the palette."""
        if action in ("open_pairing", "manager"):
            user = self.desk.state.user
            return user is not None and user.role == "admin"
        if action in ("analysis", "import_customers", "export_customers"):
            user = self.desk.state.user
            return user is not None and user.role in ("manager", "admin")
        return True

    def action_analysis(self) -> None:
        """a: the analysis screen (the box checks the role's reports permission too)."""
        from tui.screens.analysis import AnalysisScreen

        self.desk.push_screen(AnalysisScreen())

    def action_open_pairing(self) -> None:
        """p: open pairing for a new desk and show its code."""
        self.desk.action_open_pairing()

    def action_manager(self) -> None:
        """m: the manager's desk (users, desks, settings...)."""
        self.desk.open_manager()

    def action_import_customers(self) -> None:
        """i: import customers from a file (the column-mapping dialog)."""
        from tui.dialogs.import_mapping import ImportDialog

        self.app.push_screen(ImportDialog(), lambda _: self.state_changed(True))

    def action_export_customers(self) -> None:
        """x: export every customer to a file on this PC."""
        from tui.dialogs.import_export import ExportDialog

        folder = self.desk.options.export_dir
        self.app.push_screen(ExportDialog(Path(folder) if folder else None))

    def action_bizcard(self) -> None:
        """b: read a business card from an image file; its customer's card opens when kept."""
        from tui.dialogs.business_card import BusinessCardDialog

        def kept(customer_id: object) -> None:
            if isinstance(customer_id, int):
                self.desk.open_customer(customer_id)

        self.app.push_screen(BusinessCardDialog(), kept)

    def action_reload(self) -> None:
        """r: reload."""
        self.state_changed(True)

    @work(exclusive=True, group="recent")
    async def load_recent(self) -> None:
        """GET /calls (newest page)."""
        try:
            calls = await self.api.calls(limit=RECENT)
        except DeskError as exc:
            if getattr(exc, "status", 0) != 404:  # a box without the call log yet
                self.fail(exc, "calls")
            return
        self.post_message(RecentCalls(calls))

    def on_recent_calls(self, message: RecentCalls) -> None:
        """Fill the recent table."""
        self.recent = message.calls
        table = self.query_one("#recent", DataTable)
        table.clear()
        for call in message.calls:
            table.add_row(
                local(call.started_at),
                call.line,
                call_number(call),
                call.customer_name or call.caller_name or "",
                call_state(call.state),
                call.user_name or call.desk_name or "",
                key=str(call.id),
            )

    @on(DataTable.RowSelected, "#ringing")
    def open_pop(self) -> None:
        """Enter on a ringing line: the pop."""
        self.desk.show_calls()

    @on(DataTable.RowSelected, "#recent")
    def open_card(self, event: DataTable.RowSelected) -> None:
        """Enter on a past call: the caller's card."""
        call = next((c for c in self.recent if str(c.id) == event.row_key.value), None)
        if call is not None and call.customer_id is not None:
            self.desk.open_customer(call.customer_id)
