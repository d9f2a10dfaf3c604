"""The manager's desks tab: every paired desk, rename one, revoke one (cut off at once)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable

from appliance.contract import DeskOut, DeskPatch
from tui.client.errors import DeskError, StaleEditError
from tui.dialogs.manager_forms import ConfirmDialog, FormDialog, FormField
from tui.format import local
from tui.i18n import t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane, on_values, on_yes


class DesksLoaded(Message):
    """The desks as the box has them now."""

    def __init__(self, desks: list[DeskOut]) -> None:
        super().__init__()
        self.desks = desks


class DesksPane(ManagerPane):
    """One table of desks, revoked ones marked; this desk is named and cannot revoke itself."""

    TABLE = "mgr-desks"
    BINDINGS = [  # noqa: RUF012
        key("n", "rename", "mgr.desk.rename"),
        key("v", "revoke", "mgr.desk.revoke"),
    ]

    def __init__(self) -> None:
        super().__init__(id="mgr-desks-pane")
        self.desks: list[DeskOut] = []

    def compose(self) -> ComposeResult:
        """The table."""
        yield DataTable(id=self.TABLE, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns, then the desks."""
        self.table.add_columns(
            t("mgr.col.desk"), t("mgr.col.status"), t("mgr.col.paired"), t("mgr.col.seen")
        )
        self.load()

    @work(exclusive=True, group="mgr-desks")
    async def load(self) -> None:
        """GET /desks."""
        try:
            desks = await self.admin.desks()
        except DeskError as exc:
            self.fail(exc, "desks")
            return
        self.post_message(DesksLoaded(desks))

    def on_desks_loaded(self, message: DesksLoaded) -> None:
        """Fill the table, the cursor kept where it was."""
        self.desks = message.desks
        table, row = self.table, self.table.cursor_row
        table.clear()
        for d in self.desks:
            name = f"{d.name} {t('mgr.desk.this')}" if self.is_this(d) else d.name
            state = t("mgr.desk.revoked") if d.revoked_at else t("mgr.status.active")
            table.add_row(name, state, local(d.paired_at), local(d.last_seen_at), key=str(d.id))
        if self.desks:
            table.move_cursor(row=min(row, len(self.desks) - 1))

    def is_this(self, desk: DeskOut) -> bool:
        """True for the desk this screen runs on."""
        return desk.id == self.desk.state.desk_id

    def current(self) -> DeskOut | None:
        """The desk under the cursor."""
        i = self.row_index()
        return self.desks[i] if i is not None and i < len(self.desks) else None

    def action_rename(self) -> None:
        """n: a new name for the desk under the cursor."""
        desk = self.current()
        if desk is None or desk.revoked_at is not None:
            return
        field = FormField("name", "mgr.form.name", value=desk.name)
        self.app.push_screen(
            FormDialog(t("mgr.form.rename_desk"), [field]),
            on_values(lambda v: self.rename(desk, v["name"])),
        )

    @work(group="mgr-desks-edit")
    async def rename(self, desk: DeskOut, name: str) -> None:
        """PATCH /desks/{id}."""
        try:
            done = await self.admin.rename_desk(desk.id, DeskPatch(version=desk.version, name=name))
        except StaleEditError as exc:
            self.app.notify(exc.detail, severity="warning")
        except DeskError as exc:
            self.fail(exc, "desks")
        else:
            self.app.notify(t("mgr.desk.renamed", name=done.name))
        self.load()

    def action_revoke(self) -> None:
        """v: cut the desk under the cursor off, after asking."""
        desk = self.current()
        if desk is None or desk.revoked_at is not None:
            return
        if self.is_this(desk):
            self.app.notify(t("mgr.desk.revoke_self"), severity="warning")
            return
        self.app.push_screen(
            ConfirmDialog(t("mgr.desk.revoke_q", name=desk.name)),
            on_yes(lambda: self.revoke(desk)),
        )

    @work(group="mgr-desks-edit")
    async def revoke(self, desk: DeskOut) -> None:
        """DELETE /desks/{id}: the box ends its sessions and streams and drops its key slot."""
        try:
            done = await self.admin.revoke_desk(desk.id)
        except DeskError as exc:
            self.fail(exc, "desks")
        else:
            self.app.notify(t("mgr.desk.revoked_done", name=done.name))
        self.load()
