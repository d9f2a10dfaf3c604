"""Small dialogs of order entry: a line's options (toppings) and one line of text (remarks)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from appliance.contract import OptionOut
from tui.format import money
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


def option_words(option: OptionOut, currency: str) -> str:
    """大盛り (+¥150); an option without a price change by name alone."""
    if not option.price_delta:
        return option.name
    sign = "+" if option.price_delta > 0 else "-"
    return f"{option.name} ({sign}{money(abs(option.price_delta), currency)})"


class OptionsDialog(DeskDialog):
    """Dismissed with the chosen option ids (space toggles, Enter keeps) or None."""

    BINDINGS = [  # noqa: RUF012
        key("enter", "keep", "order.keep", priority=True),
        key("escape", "cancel", "key.close"),
    ]
    DEFAULT_CSS = "#order-options { height: auto; max-height: 20; width: 60; }"

    def __init__(self, title: str, options: list[OptionOut], chosen: list[int], currency: str):
        super().__init__()
        self.title_text, self.options, self.chosen, self.currency = title, options, chosen, currency

    def compose(self) -> ComposeResult:
        """The product's options, the chosen ones ticked."""
        with Vertical(id="order-options", classes="dialog"):
            yield Label(t("order.options_of", name=self.title_text), classes="heading")
            yield SelectionList[int](
                *(
                    Selection(option_words(o, self.currency), o.id, o.id in self.chosen)
                    for o in self.options
                ),
                id="picks",
            )

    def on_mount(self) -> None:
        """Focus the list."""
        super().on_mount()
        self.query_one("#picks", SelectionList).focus()

    def action_keep(self) -> None:
        """Enter: these options."""
        picks = self.query_one("#picks", SelectionList)
        self.dismiss([o.id for o in self.options if o.id in picks.selected])

    def action_cancel(self) -> None:
        """Escape: no change."""
        self.dismiss(None)


class TextDialog(DeskDialog):
    """One line of text (a line's remarks): dismissed with the text or None."""

    BINDINGS = [key("escape", "cancel", "key.close")]  # noqa: RUF012
    DEFAULT_CSS = "#order-text { height: auto; width: 60; }"

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        """Title and the text."""
        with Vertical(id="order-text", classes="dialog"):
            yield Label(self.title_text, classes="heading")
            yield Input(value=self.value, id="text")

    def on_mount(self) -> None:
        """Focus the text."""
        super().on_mount()
        self.query_one("#text", Input).focus()

    @on(Input.Submitted, "#text")
    def keep(self, event: Input.Submitted) -> None:
        """Enter: this text."""
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Escape: no change."""
        self.dismiss(None)
