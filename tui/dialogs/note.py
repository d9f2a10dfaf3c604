"""A note with a running timer; the seconds spent are saved with it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, TextArea

from appliance.contract import NoteIn
from tui.dialogs.unsaved import close_or_ask
from tui.format import duration
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class NoteDialog(DeskDialog):
    """Dismissed with a NoteIn (time_spent_s from `started` on the app's clock) or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "note.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, started: float, call_id: int | None = None) -> None:
        super().__init__()
        self.started, self.call_id = started, call_id

    def compose(self) -> ComposeResult:
        """Timer, text, pin, save."""
        with Vertical(id="note", classes="dialog"):
            with Horizontal(classes="row"):
                yield Label(t("note.title"), classes="heading")
                yield Label("", id="timer")
            yield TextArea(id="body", language=None, soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Checkbox(t("note.pinned"), id="pinned")
                yield Button(f"{t('note.save')} [ctrl+s]", id="save", variant="primary")

    def on_mount(self) -> None:
        """The timer ticks every second."""
        super().on_mount()
        self.tick()
        self.set_interval(1.0, self.tick)
        self.query_one("#body", TextArea).focus()

    @property
    def seconds(self) -> int:
        """Seconds spent so far."""
        return max(0, int(self.desk.clock() - self.started))

    def tick(self) -> None:
        """Redraw the timer."""
        self.query_one("#timer", Label).update(t("note.timer", time=duration(self.seconds)))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep the note (an empty one is not saved)."""
        body = self.query_one("#body", TextArea).text.strip()
        if not body:
            self.query_one("#body", TextArea).focus()
            return
        self.dismiss(
            NoteIn(
                body=body,
                time_spent_s=min(self.seconds, 86400),
                pinned=self.query_one("#pinned", Checkbox).value,
                call_id=self.call_id,
            )
        )

    def action_cancel(self) -> None:
        """Escape: close (a note written is not dropped without asking)."""
        typed = bool(self.query_one("#body", TextArea).text.strip())
        close_or_ask(self, typed, self.action_save, lambda: self.dismiss(None))
