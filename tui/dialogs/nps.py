"""The customer's answer to "how likely are you to recommend us" (0-10) and why, asked at the
end of a call; saved on the box from here."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.client import analysis_api
from tui.client.errors import DeskError
from tui.i18n import t
from tui.keys import key
from tui.messages import Failed
from tui.screens.base import DeskDialog


def parse_score(text: str) -> int | None:
    """'9' or full-width '９' as 9; None unless a whole number 0..10."""
    digits = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(digits) if digits.isdigit() and 0 <= int(digits) <= 10 else None


class NpsDialog(DeskDialog):
    """Dismissed with the saved score, or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "nps.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, customer_id: int, call_id: int | None = None) -> None:
        super().__init__()
        self.customer_id, self.call_id = customer_id, call_id

    def compose(self) -> ComposeResult:
        """Score, reason, save."""
        with Vertical(id="nps", classes="dialog"):
            yield Label(t("nps.title"), classes="heading")
            yield Input(placeholder=t("nps.score"), id="nps-score", max_length=2)
            yield Input(placeholder=t("nps.reason"), id="nps-reason", max_length=2000)
            yield Label("", id="nps-note", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('nps.save')} [ctrl+s]", id="save", variant="primary")

    def on_mount(self) -> None:
        """Typing starts at the score."""
        super().on_mount()
        self.query_one("#nps-score", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the score and save it."""
        score = parse_score(self.query_one("#nps-score", Input).value)
        if score is None:
            self.query_one("#nps-note", Label).update(t("nps.bad"))
            self.query_one("#nps-score", Input).focus()
            return
        self.save(score, self.query_one("#nps-reason", Input).value)

    @work(exclusive=True, group="nps")
    async def save(self, score: int, reason: str) -> None:
        """POST /customers/{id}/nps."""
        api = self.desk.api
        if api is None:
            return
        try:
            await analysis_api.record_nps(api, self.customer_id, score, reason, self.call_id)
        except DeskError as exc:
            self.desk.post_message(Failed(exc, "nps"))
            return
        self.notify(t("nps.saved", score=score))
        self.dismiss(score)

    def action_cancel(self) -> None:
        """Esc: nothing saved."""
        self.dismiss(None)
