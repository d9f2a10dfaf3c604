"""Log in on a paired desk."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label

from tui.i18n import t
from tui.screens.base import DeskScreen


class LoginScreen(DeskScreen):
    """User name and password; the app logs in and dismisses this screen on success."""

    def __init__(self, username: str = "") -> None:
        super().__init__()
        self.username = username

    def body(self) -> ComposeResult:
        """Two fields and a button."""
        with Vertical(id="login", classes="form"):
            yield Label(t("login.title"), classes="heading")
            yield Input(value=self.username, placeholder=t("login.user"), id="user")
            yield Input(placeholder=t("login.password"), password=True, id="password")
            yield Button(t("login.go"), id="go", variant="primary")

    def on_mount(self) -> None:
        """Focus where typing starts."""
        super().on_mount()
        self.query_one("#password" if self.username else "#user", Input).focus()

    @on(Input.Submitted, "#user")
    def next_field(self) -> None:
        """Enter on the user name moves to the password."""
        self.query_one("#password", Input).focus()

    @on(Button.Pressed, "#go")
    @on(Input.Submitted, "#password")
    def go(self) -> None:
        """Ask the app to log in."""
        user = self.query_one("#user", Input).value.strip()
        password = self.query_one("#password", Input).value
        if user and password:
            self.query_one("#password", Input).value = ""
            self.desk.login(user, password)
