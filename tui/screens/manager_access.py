"""The manager's access-log tab: the audit chain verified on screen, who looked at or changed a
customer (c), what a user changed (u)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract import UserOut
from appliance.contract.access_log import AccessEntryOut, ChainOut
from tui.client.errors import DeskError
from tui.dialogs.manager_forms import FormDialog, FormField
from tui.format import local
from tui.i18n import CATALOGUE, t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane, on_values


def action_text(action: str) -> str:
    """An audit action in words (its own name when the desk has none)."""
    name = f"mgr.acc.{action}"
    return t(name) if name in CATALOGUE else action


class AccessLoaded(Message):
    """Entries for the heading given."""

    def __init__(self, heading: str, entries: list[AccessEntryOut]) -> None:
        super().__init__()
        self.heading, self.entries = heading, entries


class ChainChecked(Message):
    """The box's verdict on the audit chain."""

    def __init__(self, verdict: ChainOut) -> None:
        super().__init__()
        self.verdict = verdict


class AccessPane(ManagerPane):
    """The chain's verdict on top, then one customer's or one user's entries."""

    TABLE = "mgr-access"
    BINDINGS = [  # noqa: RUF012
        key("c", "customer", "mgr.acc.customer"),
        key("u", "user", "mgr.acc.user"),
        key("v", "verify", "mgr.acc.verify"),
    ]

    def __init__(self) -> None:
        super().__init__(id="mgr-access-pane")
        self.entries: list[AccessEntryOut] = []
        self.verdict: ChainOut | None = None

    def compose(self) -> ComposeResult:
        """Verdict, heading, table."""
        yield Label("", id="acc-chain")
        yield Label(t("mgr.acc.pick"), id="acc-heading", classes="heading")
        yield DataTable(id=self.TABLE, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns; the chain checked."""
        self.table.add_columns(
            t("col.time"),
            t("mgr.acc.col.who"),
            t("mgr.col.desk"),
            t("mgr.acc.col.action"),
            t("mgr.acc.col.what"),
            t("mgr.acc.col.fields"),
        )
        self.load()

    @work(exclusive=True, group="mgr-chain")
    async def load(self) -> None:
        """GET /audit/verify."""
        try:
            verdict = await self.admin.verify_audit()
        except DeskError as exc:
            self.fail(exc, "audit")
            return
        self.post_message(ChainChecked(verdict))

    def on_chain_checked(self, message: ChainChecked) -> None:
        """The verdict, in red when the chain is broken."""
        self.verdict = v = message.verdict
        label = self.query_one("#acc-chain", Label)
        if v.ok:
            label.update(t("mgr.acc.chain_ok", count=v.checked))
            label.set_classes("hint")
        else:
            label.update(t("mgr.acc.chain_bad", id=v.bad_id, reason=v.reason))
            label.set_classes("error")

    def action_verify(self) -> None:
        """v: the chain again."""
        self.load()

    def action_customer(self) -> None:
        """c: search a customer, then who looked at or changed their card."""
        from tui.dialogs.search import SearchDialog

        def picked(customer_id: object) -> None:
            if isinstance(customer_id, int):
                self.of_customer(customer_id)

        self.app.push_screen(SearchDialog(), picked)

    @work(exclusive=True, group="mgr-access")
    async def of_customer(self, customer_id: int) -> None:
        """GET /customers/{id}/access."""
        try:
            entries = await self.admin.customer_access(customer_id)
        except DeskError as exc:
            self.fail(exc, "access")
            return
        self.post_message(AccessLoaded(t("mgr.acc.of_customer", id=customer_id), entries))

    def action_user(self) -> None:
        """u: choose a user, then what they changed."""
        self.pick_user()

    @work(exclusive=True, group="mgr-access")
    async def pick_user(self) -> None:
        """GET /users, a choice, then GET /users/{id}/changes."""
        try:
            users = await self.admin.users()
        except DeskError as exc:
            self.fail(exc, "users")
            return
        if not users:
            return
        options = tuple((f"{u.username} ({u.display_name})", str(u.id)) for u in users)
        field = FormField("user", "mgr.col.user", "select", options[0][1], options)
        dialog = FormDialog(t("mgr.acc.user"), [field])
        self.app.push_screen(dialog, on_values(lambda v: self.of_user(_named(users, v["user"]))))

    @work(exclusive=True, group="mgr-access")
    async def of_user(self, user: UserOut | None) -> None:
        """GET /users/{id}/changes."""
        if user is None:
            return
        try:
            entries = await self.admin.user_changes(user.id)
        except DeskError as exc:
            self.fail(exc, "access")
            return
        self.post_message(AccessLoaded(t("mgr.acc.of_user", name=user.username), entries))

    def on_access_loaded(self, message: AccessLoaded) -> None:
        """Fill the table, newest first."""
        self.entries = message.entries
        self.query_one("#acc-heading", Label).update(message.heading)
        table = self.table
        table.clear()
        for e in self.entries:
            what = f"{e.entity} #{e.entity_id}" if e.entity_id is not None else e.entity
            table.add_row(
                local(e.at),
                e.user,
                e.desk,
                action_text(e.action),
                what,
                ", ".join(e.fields),
                key=str(e.id),
            )
        if not self.entries:
            self.query_one("#acc-heading", Label).update(f"{message.heading}: {t('mgr.acc.none')}")


def _named(users: list[UserOut], user_id: str) -> UserOut | None:
    return next((u for u in users if str(u.id) == user_id), None)
