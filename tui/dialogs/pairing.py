"""The code an admin opened pairing with, to type into a new desk, and how long it is open."""

from __future__ import annotations

import datetime as dt
import math

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from appliance.contract import PairOpenOut
from appliance.contract.pairing import printed_code
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


class PairingCodeDialog(DeskDialog):
    """The code as the box prints it ("2664 1672"), the window in minutes and until when;
    Enter or Escape closes (the window stays open on the box)."""

    BINDINGS = [  # noqa: RUF012
        key("enter", "close", "key.close"),
        key("escape", "close", "key.close"),
    ]

    def __init__(self, opened: PairOpenOut, now: dt.datetime | None = None) -> None:
        super().__init__()
        self.opened = opened
        self.until = (now or dt.datetime.now().astimezone()) + dt.timedelta(seconds=opened.seconds)

    def compose(self) -> ComposeResult:
        """Title, the code, what to do with it, until when."""
        minutes = math.ceil(self.opened.seconds / 60)
        with Vertical(id="pairing-code", classes="dialog"):
            yield Label(t("pair.open_title"), classes="heading")
            yield Label(printed_code(self.opened.code), id="code")
            yield Label(t("pair.open_how"))
            yield Label(
                t("pair.open_window", minutes=minutes, until=self.until.strftime("%H:%M")),
                id="window",
            )
            with Horizontal(classes="buttons"):
                yield Button(t("key.close"), id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Done: the new desk has the code."""
        self.dismiss(None)
