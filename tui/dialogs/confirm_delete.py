"""Deleting a customer: asked once, with what undoes it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class DeleteDialog(DeskDialog):
    """Dismissed with True (delete) or None (keep); Keep has the focus, so Enter loses nothing."""

    BINDINGS = [  # noqa: RUF012
        key("y", "delete", "delete.yes"),
        key("escape", "keep", "delete.no"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name_shown = name

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="delete", classes="dialog"):
            yield Label(t("delete.title"), classes="heading")
            yield Static(t("delete.body", name=self.name_shown))  # wraps in a narrow dialog
            with Horizontal(classes="buttons"):
                yield Button(f"{t('delete.yes')} [y]", id="yes", variant="error")
                yield Button(f"{t('delete.no')} [Esc]", id="no")

    def on_mount(self) -> None:
        """Focus on keep."""
        super().on_mount()
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_delete(self) -> None:
        """Delete it."""
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_keep(self) -> None:
        """Keep it."""
        self.dismiss(None)
