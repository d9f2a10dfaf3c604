"""Small forms of the manager's desk: a few fields checked at the desk, a yes/no question."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


@dataclass(frozen=True)
class FormField:
    """One field: its name in the answer, its label key, its kind and first value."""

    name: str
    label: str  # catalogue key
    kind: str = "text"  # text | password | select
    value: str = ""
    options: tuple[tuple[str, str], ...] = ()  # select: (shown, value)
    required: bool = True
    min_length: int = 0


class FormDialog(DeskDialog):
    """Dismissed with {name: value} once every field passes its check, or None (Escape)."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; background: $background 60%; }
    FormDialog .dialog { max-width: 76; padding: 0 2; }
    FormDialog #form-fields { height: auto; max-height: 14; }
    FormDialog .form-row { height: auto; }
    FormDialog .form-label { width: 26; }
    FormDialog .form-row Input {
        width: 1fr; height: 1; border: none; padding: 0 1; background: $primary 20%;
    }
    FormDialog .form-row Input:focus { background: $accent 40%; }
    FormDialog .form-row Select { width: 1fr; }
    FormDialog .form-row Select SelectCurrent { border: none; height: 1; padding: 0 1; }
    """
    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "mgr.form.ok", priority=True),
        key("escape", "cancel", "mgr.form.cancel"),
    ]

    def __init__(self, title: str, fields: list[FormField], *, confirm_password: bool = False):
        super().__init__()
        self.title_text, self.fields, self.confirm_password = title, fields, confirm_password

    def compose(self) -> ComposeResult:
        """Title, the fields, the error line and two buttons."""
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="heading")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(t(f.label), classes="form-label")
                        if f.kind == "select":
                            yield Select(
                                f.options, value=f.value, allow_blank=False, id=f"f-{f.name}"
                            )
                        else:
                            yield Input(f.value, password=f.kind == "password", id=f"f-{f.name}")
                if self.confirm_password:
                    with Horizontal(classes="form-row"):
                        yield Label(t("mgr.form.password2"), classes="form-label")
                        yield Input(password=True, id="f-confirm")
            yield Label("", id="form-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('mgr.form.ok')} [^S]", id="save", variant="primary")
                yield Button(f"{t('mgr.form.cancel')} [Esc]", id="cancel")

    def on_mount(self) -> None:
        """The first field takes the keys."""
        super().on_mount()
        if self.fields:
            self.query_one(f"#f-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        """What is in the fields now (text stripped; passwords as typed)."""
        out: dict[str, str] = {}
        for f in self.fields:
            if f.kind == "select":
                out[f.name] = str(self.query_one(f"#f-{f.name}", Select).value)
            else:
                text = self.query_one(f"#f-{f.name}", Input).value
                out[f.name] = text if f.kind == "password" else text.strip()
        return out

    def problem(self, values: dict[str, str]) -> str | None:
        """The first thing wrong with the values, worded for the user; None when fine."""
        for f in self.fields:
            if f.required and not values[f.name]:
                return t("mgr.form.required", field=t(f.label))
            if f.kind == "password" and len(values[f.name]) < f.min_length:
                return t("mgr.form.short_password")
        if self.confirm_password:
            password = next(values[f.name] for f in self.fields if f.kind == "password")
            if password != self.query_one("#f-confirm", Input).value:
                return t("mgr.form.mismatch")
        return None

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check, then answer; a problem is shown and nothing typed is lost."""
        values = self.values()
        wrong = self.problem(values)
        if wrong is not None:
            self.query_one("#form-error", Label).update(wrong)
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Escape: nothing changes."""
        self.dismiss(None)


class ConfirmDialog(DeskDialog):
    """A yes/no question: dismissed with True (y) or False (n, Escape)."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; background: $background 60%; }
    ConfirmDialog .dialog { max-width: 72; }
    """
    BINDINGS = [  # noqa: RUF012
        key("y", "yes", "mgr.form.yes"),
        key("n,escape", "no", "mgr.form.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Label(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('mgr.form.yes')} [y]", id="yes", variant="error")
                yield Button(f"{t('mgr.form.no')} [n]", id="no", variant="primary")

    def on_mount(self) -> None:
        """No is the safe default."""
        super().on_mount()
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        """Yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        """No."""
        self.dismiss(False)
