"""The manager's users tab: add, change role, disable, reset a password, unlock."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract import UserIn, UserOut, UserPatch
from tui.client.errors import DeskError, StaleEditError
from tui.dialogs.manager_forms import ConfirmDialog, FormDialog, FormField
from tui.i18n import t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane, on_values, on_yes

ROLES = ("operator", "manager", "admin")


def role_options() -> tuple[tuple[str, str], ...]:
    """The roles as a select shows them, in the current language."""
    return tuple((t(f"mgr.role.{r}"), r) for r in ROLES)


def user_status(user: UserOut) -> str:
    """Active, disabled or locked, in words."""
    if user.hard_locked:
        return t("mgr.status.hard_locked")
    if user.locked:
        return t("mgr.status.locked")
    return t("mgr.status.active" if user.active else "mgr.status.disabled")


class UsersLoaded(Message):
    """The users as the box has them now."""

    def __init__(self, users: list[UserOut]) -> None:
        super().__init__()
        self.users = users


class UsersPane(ManagerPane):
    """One table of users; a key per change, each sent as a versioned PATCH."""

    TABLE = "mgr-users"
    BINDINGS = [  # noqa: RUF012
        key("a", "add", "mgr.user.add"),
        key("r", "role", "mgr.user.role"),
        key("x", "switch", "mgr.user.toggle"),
        key("w", "password", "mgr.user.password"),
        key("u", "unlock", "mgr.user.unlock"),
    ]

    def __init__(self) -> None:
        super().__init__(id="mgr-users-pane")
        self.users: list[UserOut] = []

    def compose(self) -> ComposeResult:
        """The table and a line for the empty state."""
        yield DataTable(id=self.TABLE, cursor_type="row", zebra_stripes=True)
        yield Label("", id="mgr-users-note", classes="hint")

    def on_mount(self) -> None:
        """Columns, then the users."""
        self.table.add_columns(
            t("mgr.col.user"), t("mgr.col.display"), t("mgr.col.role"), t("mgr.col.status")
        )
        self.load()

    @work(exclusive=True, group="mgr-users")
    async def load(self) -> None:
        """GET /users."""
        try:
            users = await self.admin.users()
        except DeskError as exc:
            self.fail(exc, "users")
            return
        self.post_message(UsersLoaded(users))

    def on_users_loaded(self, message: UsersLoaded) -> None:
        """Fill the table, the cursor kept where it was."""
        self.users = message.users
        table, row = self.table, self.table.cursor_row
        table.clear()
        for u in self.users:
            table.add_row(
                u.username, u.display_name, t(f"mgr.role.{u.role}"), user_status(u), key=str(u.id)
            )
        if self.users:
            table.move_cursor(row=min(row, len(self.users) - 1))

    def current(self) -> UserOut | None:
        """The user under the cursor."""
        i = self.row_index()
        return self.users[i] if i is not None and i < len(self.users) else None

    def action_add(self) -> None:
        """a: a new user with a role and a first password."""
        fields = [
            FormField("username", "mgr.form.username"),
            FormField("display_name", "mgr.form.display", required=False),
            FormField("role", "mgr.form.role", "select", "operator", role_options()),
            FormField("password", "mgr.form.password", "password", min_length=8),
        ]
        dialog = FormDialog(t("mgr.form.add_user"), fields, confirm_password=True)
        self.app.push_screen(dialog, on_values(lambda v: self.create(UserIn.model_validate(v))))

    @work(group="mgr-users-edit")
    async def create(self, body: UserIn) -> None:
        """POST /users."""
        try:
            user = await self.admin.add_user(body)
        except DeskError as exc:
            self.fail(exc, "users")
            return
        self.app.notify(t("mgr.user.added", name=user.username))
        self.load()

    def action_role(self) -> None:
        """r: another role for the user under the cursor."""
        user = self.current()
        if user is None:
            return
        field = FormField("role", "mgr.form.role", "select", user.role, role_options())
        dialog = FormDialog(t("mgr.form.new_role", name=user.username), [field])
        self.app.push_screen(
            dialog,
            on_values(lambda v: self.change(user, role=v["role"])),
        )

    def action_switch(self) -> None:
        """x: disable an active user (they can no longer log in) or enable a disabled one."""
        user = self.current()
        if user is None:
            return
        question = "mgr.user.disable_q" if user.active else "mgr.user.enable_q"
        self.app.push_screen(
            ConfirmDialog(t(question, name=user.username)),
            on_yes(lambda: self.change(user, active=not user.active)),
        )

    def action_password(self) -> None:
        """w: set a new password (every session of theirs ends)."""
        user = self.current()
        if user is None:
            return
        field = FormField("password", "mgr.form.password", "password", min_length=8)
        dialog = FormDialog(
            t("mgr.form.new_password", name=user.username), [field], confirm_password=True
        )
        self.app.push_screen(
            dialog,
            on_values(lambda v: self.change(user, password=v["password"])),
        )

    def action_unlock(self) -> None:
        """u: let a user locked out by wrong passwords log in again."""
        user = self.current()
        if user is None:
            return
        if not user.locked:
            self.app.notify(t("mgr.user.not_locked", name=user.username))
            return
        self.change(user, unlock=True)

    @work(group="mgr-users-edit")
    async def change(self, user: UserOut, **changes: object) -> None:
        """PATCH /users/{id} from the version shown; someone first: told, and reloaded."""
        body = UserPatch.model_validate({"version": user.version, **changes})
        try:
            done = await self.admin.patch_user(user.id, body)
        except StaleEditError as exc:
            self.app.notify(exc.detail, severity="warning")
        except DeskError as exc:
            self.fail(exc, "users")
        else:
            said = (
                "mgr.user.password_set"
                if "password" in changes
                else "mgr.user.unlocked"
                if "unlock" in changes
                else "mgr.user.saved"
            )
            self.app.notify(t(said, name=done.username))
        self.load()
