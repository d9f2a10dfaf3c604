"""One phone, email or address typed in: label chosen or typed, saved through the box, a bad
value told in words in the dialog (nothing typed is lost)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, TextArea

from appliance.contract import AddressOut, ContactKind, CustomerCard, EmailOut, PhoneOut
from tui.box_words import in_language
from tui.client.errors import ApiError, DeskError, StaleEditError
from tui.dialogs.unsaved import close_or_ask
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

Row = PhoneOut | EmailOut | AddressOut
Send = Callable[[dict[str, Any], int | None], Awaitable[CustomerCard]]
FIELDS: dict[ContactKind, tuple[str, ...]] = {
    "phone": ("number", "label"),
    "email": ("address", "label"),
    "address": ("label", "postal_code", "prefecture", "city", "line1", "line2", "country"),
}
_WORDS = {"number": "contact.number", "address": "contact.address"}


def labels(kind: ContactKind) -> list[str]:
    """The usual labels of this kind, in the desk's language."""
    return t(f"contact.labels.{kind}").split(",")


def row_values(kind: ContactKind, row: Row | None) -> dict[str, str]:
    """What the dialog's fields show for a stored row (blank for a new one)."""
    values = dict.fromkeys(FIELDS[kind], "")
    if kind == "address":
        values["country"] = "JP"
        values["delivery_notes"] = ""
    if row is not None:
        data = row.model_dump()
        values.update({k: str(data.get(k) or "") for k in values})
    return values


def missing(kind: ContactKind, values: dict[str, str]) -> str | None:
    """The catalogue key saying what must be typed first, or None when enough is there."""
    if kind == "phone" and not values["number"]:
        return "contact.need_number"
    if kind == "email" and "@" not in values["address"].replace("＠", "@"):
        return "contact.need_email"
    if kind == "address" and not any(
        values[k] for k in ("postal_code", "prefecture", "city", "line1")
    ):
        return "contact.need_address"
    return None


class ContactDialog(DeskDialog):
    """Dismissed with the customer's card once the box has the row, or None (nothing sent).

    `send(values, version)` makes the call (version None: a new row); `ask_name` adds a name
    field first (a new caller whose card does not exist yet)."""

    DEFAULT_CSS = """
    ContactDialog #contact { width: 90%; max-width: 90; padding: 0 2; }
    ContactDialog #contact-error { display: none; }
    ContactDialog #contact-error.-said { display: block; }
    ContactDialog #contact-form { height: auto; max-height: 70vh; }
    ContactDialog #contact-grid {
        grid-size: 2; grid-columns: 16 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto;
    }
    ContactDialog #f-delivery_notes { height: 4; }
    """

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "contact.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(
        self,
        kind: ContactKind,
        send: Send,
        row: Row | None = None,
        *,
        ask_name: bool = False,
        number: str = "",
    ) -> None:
        super().__init__()
        self.kind, self.send, self.row = kind, send, row
        self.version = row.version if row is not None else None
        self.ask_name, self.number = ask_name, number
        self.base = row_values(kind, row)
        if ask_name:
            self.base["display_name"] = ""

    def compose(self) -> ComposeResult:
        """Title, the fields of this kind, delivery notes for an address, the message line."""
        title = "contact.title.new_caller" if self.ask_name else f"contact.title.{self.kind}"
        with VerticalScroll(id="contact", classes="dialog"):
            yield Label(t(title), classes="heading")
            yield Label("", id="contact-error", classes="error")
            if self.number:
                yield Label(t("contact.caller_number", number=self.number), classes="hint")
            with Grid(id="contact-grid"):
                if self.ask_name:
                    yield Label(t("contact.name"))
                    yield Input(id="f-display_name", compact=True)
                for name in FIELDS[self.kind]:
                    yield Label(t(_WORDS.get(name, f"contact.{name}")))
                    hint = ", ".join(labels(self.kind)) if name == "label" else ""
                    yield Input(
                        self.base[name],
                        id=f"f-{name}",
                        compact=True,
                        placeholder=t("contact.label_hint", labels=hint) if hint else "",
                        suggester=SuggestFromList(labels(self.kind), case_sensitive=False)
                        if name == "label"
                        else None,
                    )
            if self.kind == "address":
                yield Label(f"{t('contact.delivery_notes')} — {t('contact.notes_hint')}")
                yield TextArea(
                    self.base["delivery_notes"],
                    id="f-delivery_notes",
                    language=None,
                    soft_wrap=True,
                )
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{t('contact.save')} [ctrl+s]", id="save", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        """Typing starts at the first field."""
        super().on_mount()
        self.query(Input).first().focus()

    def query_value(self, name: str) -> str:
        """One field's text."""
        if name == "delivery_notes":
            return self.query_one("#f-delivery_notes", TextArea).text.strip()
        return self.query_one(f"#f-{name}", Input).value.strip()

    def say(self, text: str) -> None:
        """Show why it was not saved."""
        said = self.query_one("#contact-error", Label)
        said.update(text)
        said.add_class("-said")
        said.scroll_visible()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check what must be there, then send it."""
        now = {name: self.query_value(name) for name in self.base}
        need = missing(self.kind, now)
        if self.ask_name and not now["display_name"]:
            need = "contact.need_name"
        if need is not None:
            self.say(t(need))
            return
        changed = now if self.row is None else {k: v for k, v in now.items() if v != self.base[k]}
        if not changed:
            self.dismiss(None)
            return
        self.save(changed)

    @work(exclusive=True, group="contact")
    async def save(self, changed: dict[str, str]) -> None:
        """The box's answer: the card (dismiss with it), or a message and the fields kept."""
        try:
            card = await self.send(changed, self.version)
        except StaleEditError as exc:
            self.took_theirs(exc.current)
            return
        except ApiError as exc:
            self.say(in_language(exc.detail))
            return
        except DeskError as exc:
            self.say(in_language(str(exc)))
            return
        self.dismiss(card)

    def took_theirs(self, current: dict[str, Any]) -> None:
        """Someone saved this row first: show theirs, keep the dialog open for another try
        (a row they removed is added again by the next save)."""
        what = t(f"contact.what.{self.kind}")
        assert self.row is not None
        plural = {"phone": "phones", "email": "emails", "address": "addresses"}[self.kind]
        rows = [r for r in current.get(plural, []) if r.get("id") == self.row.id]
        if not rows:
            self.say(t("contact.gone", what=what))
            self.version = None
            return
        self.version = int(rows[0]["version"])
        for name in self.base:
            value = self.base[name] = str(rows[0].get(name) or "")
            if name == "delivery_notes":
                self.query_one("#f-delivery_notes", TextArea).text = value
            else:
                self.query_one(f"#f-{name}", Input).value = value
        self.say(t("contact.stale", what=what))

    def action_cancel(self) -> None:
        """Escape: close (what was typed is not dropped without asking)."""
        typed = any(self.query_value(n) != v for n, v in self.base.items())
        close_or_ask(self, typed, self.action_save, lambda: self.dismiss(None))
