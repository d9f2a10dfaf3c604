"""A callback reminder on the assignee's desk at its due time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from appliance.contract import TaskOut
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class ReminderDialog(DeskDialog):
    """Enter opens the customer's card; Escape closes."""

    BINDINGS = [  # noqa: RUF012
        key("enter", "open", "pop.open"),
        key("escape", "close", "key.close"),
    ]

    def __init__(self, task: TaskOut) -> None:
        super().__init__()
        self.due_task = task

    def compose(self) -> ComposeResult:
        """Who and why."""
        with Vertical(id="reminder", classes="dialog"):
            yield Label(
                t(
                    "callback.due_now",
                    who=self.due_task.customer_name or "—",
                    reason=self.due_task.reason or "—",
                ),
                classes="heading",
            )
            with Horizontal(classes="buttons"):
                yield Button(t("pop.open"), id="open", variant="primary")
                yield Button(t("key.close"), id="close")

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        """The customer's card."""
        self.dismiss(None)
        if self.due_task.customer_id is not None:
            self.desk.open_customer(self.due_task.customer_id)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Later."""
        self.dismiss(None)
