"""Closing a form with changes in it: save, discard or keep editing — the operator decides."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog, GuardedScreen


class UnsavedDialog(DeskDialog):
    """Dismissed with "save", "discard" or None (keep editing)."""

    BINDINGS = [  # noqa: RUF012
        key("s", "save", "unsaved.save"),
        key("d", "discard", "unsaved.discard"),
        key("escape", "keep", "unsaved.keep"),
    ]

    def compose(self) -> ComposeResult:
        """The question and three buttons (keep editing has the focus: Enter loses nothing)."""
        with Vertical(id="unsaved", classes="dialog"):
            yield Label(t("unsaved.title"), classes="heading")
            yield Label(t("unsaved.body"))
            with Horizontal(classes="buttons"):
                yield Button(f"{t('unsaved.save')} [s]", id="save", variant="primary")
                yield Button(f"{t('unsaved.discard')} [d]", id="discard", variant="error")
                yield Button(f"{t('unsaved.keep')} [Esc]", id="keep")

    def on_mount(self) -> None:
        """Focus on keep editing."""
        super().on_mount()
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save, then close."""
        self.dismiss("save")

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        """Close and drop the changes."""
        self.dismiss("discard")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Back to the form, the changes still in it."""
        self.dismiss(None)


def close_or_ask(
    screen: GuardedScreen,
    unsaved: bool,
    save: Callable[[], object],
    close: Callable[[], object],
) -> None:
    """Close at once when nothing is unsaved, else ask: save (which closes once it is saved),
    discard, or keep editing."""
    if not unsaved:
        close()
        return

    def chosen(choice: object) -> None:
        if choice == "save":
            save()
        elif choice == "discard":
            close()

    screen.app.push_screen(UnsavedDialog(), chosen)
