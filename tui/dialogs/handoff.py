"""Hand a call's card to another desk: the desks someone is logged in at now."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from appliance.contract import OnlineDeskOut
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class HandoffDialog(DeskDialog):
    """Dismissed with the chosen OnlineDeskOut or None."""

    BINDINGS = [key("escape", "cancel", "key.close")]  # noqa: RUF012

    def __init__(self, caller: str, targets: list[OnlineDeskOut]) -> None:
        super().__init__()
        self.caller, self.targets = caller, targets

    def compose(self) -> ComposeResult:
        """One line per desk: desk name and who is there."""
        with Vertical(id="handoff", classes="dialog"):
            yield Label(f"{t('handoff.title')} — {self.caller}", classes="heading")
            yield OptionList(
                *(
                    Option(f"{d.desk_name}  {d.user_name}", id=str(i))
                    for i, d in enumerate(self.targets)
                ),
                id="targets",
            )

    def on_mount(self) -> None:
        """Arrows and Enter pick a desk."""
        super().on_mount()
        targets = self.query_one("#targets", OptionList)
        targets.highlighted = 0 if self.targets else None
        targets.focus()

    @on(OptionList.OptionSelected, "#targets")
    def picked(self, event: OptionList.OptionSelected) -> None:
        """Enter: this desk."""
        self.dismiss(self.targets[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Escape: keep the card."""
        self.dismiss(None)
