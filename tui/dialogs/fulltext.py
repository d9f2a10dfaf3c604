"""The whole text of one history entry (the card's list shows the first 200 characters)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from tui.keys import key
from tui.screens.base import DeskDialog


class FullTextDialog(DeskDialog):
    """Read-only; Esc closes."""

    BINDINGS = [key("escape", "close", "key.close")]  # noqa: RUF012

    def __init__(self, head: str, text: str) -> None:
        super().__init__()
        self.head, self.text = head, text

    def compose(self) -> ComposeResult:
        """Heading and the text, scrolling when long."""
        with Vertical(id="fulltext", classes="dialog"):
            yield Label(self.head, classes="heading")
            with VerticalScroll(id="fulltext-body"):
                yield Static(self.text, markup=False)

    def action_close(self) -> None:
        """Escape."""
        self.dismiss(None)
