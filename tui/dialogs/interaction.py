"""Log a contact that did not come over the phone: email, fax, visit, SMS, letter, web."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from appliance.contract import InteractionIn
from tui.dialogs.unsaved import close_or_ask
from tui.format import duration
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

KINDS = ("email", "fax", "visit", "sms", "letter", "web")
MAX_S = 86400


def parse_minutes(text: str) -> int | None:
    """'12' (minutes) or '1:30' (minutes:seconds) as seconds; None when it is neither."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９：", "0123456789:"))
    minutes, sep, seconds = text.partition(":")
    if not minutes.isdigit() or (sep and not (seconds.isdigit() and int(seconds) < 60)):
        return None
    total = int(minutes) * 60 + (int(seconds) if sep else 0)
    return total if total <= MAX_S else None


class InteractionDialog(DeskDialog):
    """Dismissed with an InteractionIn or None; time spent runs from `started` (app clock)
    unless the operator types the minutes (a visit logged afterwards)."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "ia.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, started: float, kind: str = "email") -> None:
        super().__init__()
        self.started, self.kind = started, kind if kind in KINDS else "email"

    def compose(self) -> ComposeResult:
        """Kind and direction, summary, time spent, save."""
        with Vertical(id="interaction", classes="dialog"):
            with Horizontal(classes="row"):
                yield Label(t("ia.title"), classes="heading")
                yield Label("", id="ia-timer")
            with Horizontal(classes="row"):
                yield Select(
                    [(t(f"ia.kind.{k}"), k) for k in KINDS],
                    value=self.kind,
                    allow_blank=False,
                    id="ia-kind",
                )
                yield Select(
                    [(t("ia.dir.in"), "in"), (t("ia.dir.out"), "out")],
                    value="in",
                    allow_blank=False,
                    id="ia-direction",
                )
            yield TextArea(id="ia-summary", language=None, soft_wrap=True)
            yield Label(t("ia.summary"), id="ia-help", classes="hint")
            with Horizontal(classes="buttons"):
                yield Input(placeholder="mm / mm:ss", id="ia-minutes")
                yield Button(f"{t('ia.save')} [ctrl+s]", id="save", variant="primary")

    def on_mount(self) -> None:
        """The timer ticks every second; typing starts at the summary."""
        super().on_mount()
        self.tick()
        self.set_interval(1.0, self.tick)
        self.query_one("#ia-summary", TextArea).focus()

    @property
    def seconds(self) -> int:
        """Seconds on the timer so far."""
        return min(MAX_S, max(0, int(self.desk.clock() - self.started)))

    def tick(self) -> None:
        """Redraw the timer."""
        self.query_one("#ia-timer", Label).update(t("ia.timer", time=duration(self.seconds)))

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#ia-minutes")
    def action_save(self) -> None:
        """Check the summary and the minutes; hand the entry back."""
        summary = self.query_one("#ia-summary", TextArea).text.strip()
        if not summary:
            self.query_one("#ia-help", Label).update(t("ia.empty"))
            self.query_one("#ia-summary", TextArea).focus()
            return
        typed = self.query_one("#ia-minutes", Input).value
        spent = parse_minutes(typed) if typed.strip() else self.seconds
        if spent is None:
            self.query_one("#ia-help", Label).update(t("ia.bad_minutes", value=typed))
            self.query_one("#ia-minutes", Input).focus()
            return
        kind = self.query_one("#ia-kind", Select).value
        direction = self.query_one("#ia-direction", Select).value
        self.dismiss(
            InteractionIn(
                kind=kind if kind in KINDS else "email",
                direction="out" if direction == "out" else "in",
                summary=summary,
                time_spent_s=spent,
            )
        )

    def action_cancel(self) -> None:
        """Escape: close (a summary written is not dropped without asking)."""
        typed = bool(self.query_one("#ia-summary", TextArea).text.strip())
        close_or_ask(self, typed, self.action_save, lambda: self.dismiss(None))
