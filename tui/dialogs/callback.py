"""Set a callback: who (any user in the directory; the one setting it by default), when, why."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from appliance.contract import DirectoryUserOut, TaskIn
from tui.dialogs.unsaved import close_or_ask
from tui.due_times import parse_due
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class CallbackDialog(DeskDialog):
    """Dismissed with a TaskIn (due in UTC, the chosen assignee) or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "callback.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(
        self,
        customer_name: str,
        users: list[DirectoryUserOut] | None = None,
        me: int | None = None,
    ) -> None:
        super().__init__()
        self.customer_name, self.users, self.me = customer_name, users or [], me

    def _choices(self) -> list[tuple[str, int]]:
        def label(u: DirectoryUserOut) -> str:
            return t("callback.me", name=u.display_name) if u.id == self.me else u.display_name

        mine = [u for u in self.users if u.id == self.me]
        return [(label(u), u.id) for u in mine + [u for u in self.users if u.id != self.me]]

    def compose(self) -> ComposeResult:
        """Reason and due time."""
        with Vertical(id="callback", classes="dialog"):
            yield Label(f"{t('callback.title')} — {self.customer_name}", classes="heading")
            yield Input(placeholder=t("callback.reason"), id="reason")
            yield Input(value="+30m", placeholder=t("callback.due"), id="due")
            yield Label(t("callback.due"), id="due-help", classes="hint")
            choices = self._choices()
            if choices:
                yield Label(t("callback.assignee"))
                yield Select(choices, value=choices[0][1], allow_blank=False, id="assignee")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('callback.save')} [ctrl+s]", id="save", variant="primary")

    def on_mount(self) -> None:
        """Typing starts at the reason."""
        super().on_mount()
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def to_due(self) -> None:
        """Enter on the reason: the due time."""
        self.query_one("#due", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#due")
    def action_save(self) -> None:
        """Check the due time and hand the callback back."""
        text = self.query_one("#due", Input).value
        due = parse_due(text, dt.datetime.now().astimezone())
        if due is None:
            self.query_one("#due-help", Label).update(t("callback.bad_due", value=text))
            return
        reason = self.query_one("#reason", Input).value.strip()
        self.dismiss(
            TaskIn(
                reason=reason,
                kind="callback",
                due_at=due.astimezone(dt.UTC),
                assignee_id=self.assignee,
            )
        )

    @property
    def assignee(self) -> int | None:
        """The chosen user's id (None: no directory, the box assigns)."""
        found = self.query("#assignee")
        if not found:
            return None
        value = self.query_one("#assignee", Select).value
        return value if isinstance(value, int) else None

    def action_cancel(self) -> None:
        """Escape: none (a reason typed is not dropped without asking)."""
        typed = bool(self.query_one("#reason", Input).value.strip())
        close_or_ask(self, typed, self.action_save, lambda: self.dismiss(None))
