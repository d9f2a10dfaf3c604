"""Read a business card from an image file: the box reads it, the desk shows the fields to
confirm or correct, and keeps it with a new customer or one it matched, with where and when
the cards were exchanged. Dismissed with the customer's id (or None)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import unicodedata
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from appliance.contract.bizcards import (
    CardFieldsOut,
    CardPhoneOut,
    CardSaveIn,
    CardScanOut,
)
from appliance.contract.customers import AddressIn, CustomerIn, EmailIn, PhoneIn
from tui.client.errors import DeskError
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

TEXT_FIELDS = ("name", "reading", "company", "department", "title", "postal_code", "address")
PHONE_KINDS = ("tel", "fax", "mobile")
MAX_BYTES = 20 * 1024 * 1024
NEW = "new"


def read_image(path: str) -> bytes:
    """The file's bytes; ValueError with the desk's words when it cannot be sent."""
    p = Path(path.strip().strip("'\"")).expanduser()
    if not p.is_file():
        raise ValueError(t("bizcard.no_file"))
    if p.stat().st_size > MAX_BYTES:
        raise ValueError(t("bizcard.too_big"))
    return p.read_bytes()


def parse_day(text: str) -> dt.date | None:
    """'2026-10-12' (full-width digits too, / or . between) -> a date; '' -> None."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９／．－", "0123456789/.-"))
    if not text:
        return None
    return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-"))


def address_of(f: CardFieldsOut) -> AddressIn:
    """JP for a card in Japanese, US for a ZIP code; else the postal code stays in the text."""
    if any(unicodedata.east_asian_width(c) in ("W", "F") for c in f.address + f.name):
        return AddressIn(country="JP", postal_code=f.postal_code, line1=f.address)
    if re.fullmatch(r"\d{5}(-\d{4})?", f.postal_code):
        return AddressIn(country="US", postal_code=f.postal_code, line1=f.address)
    line = f.address if f.postal_code in f.address else f"{f.address} {f.postal_code}".strip()
    return AddressIn(line1=line)


def new_customer(f: CardFieldsOut) -> CustomerIn:
    """A new customer from the card's fields."""
    return CustomerIn(
        display_name=f.name or f.company,
        reading=f.reading,
        company=f.company,
        department=f.department,
        title=f.title,
        phones=[PhoneIn(number=p.number, label=t(f"bizcard.{p.kind}")) for p in f.phones],
        emails=[EmailIn(address=f.email)] if f.email else [],
        addresses=([address_of(f)] if f.address or f.postal_code else []),
    )


class BusinessCardDialog(DeskDialog):
    """Image path -> the fields read -> a customer chosen -> kept."""

    DEFAULT_CSS = """
    BusinessCardDialog #bizcard { padding: 0 2; }
    BusinessCardDialog #bc-form { height: auto; max-height: 70vh; }
    BusinessCardDialog #bc-grid {
        grid-size: 2; grid-columns: 14 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto;
    }
    """

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "bizcard.save", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scan: CardScanOut | None = None

    def compose(self) -> ComposeResult:
        """The path row, then the card's fields (shown once read), then save."""
        with Vertical(id="bizcard", classes="dialog"):
            yield Label(t("bizcard.heading"), classes="heading")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("bizcard.path"), id="bc-path")
                yield Button(t("bizcard.read"), id="bc-read")
            yield Label(t("bizcard.help"), id="bc-status", classes="hint")
            with VerticalScroll(id="bc-form"):
                with Grid(id="bc-grid"):
                    for name in (*TEXT_FIELDS, *PHONE_KINDS, "email", "url"):
                        yield Label(t(f"bizcard.{name}"))
                        yield Input(id=f"bc-{name}", compact=True)
                    yield Label(t("bizcard.exchanged_on"))
                    yield Input(value=dt.date.today().isoformat(), id="bc-on", compact=True)
                    yield Label(t("bizcard.exchanged_where"))
                    yield Input(placeholder=t("bizcard.where_hint"), id="bc-where", compact=True)
                    yield Label(t("bizcard.customer"))
                    yield Select(
                        [(t("bizcard.new"), NEW)],
                        value=NEW,
                        allow_blank=False,
                        id="bc-to",
                        compact=True,
                    )
                yield Button(f"{t('bizcard.save')} [ctrl+s]", id="bc-save", variant="primary")

    def on_mount(self) -> None:
        """The form waits for a card; typing starts at the path."""
        super().on_mount()
        self.query_one("#bc-form").display = False
        self.query_one("#bc-path", Input).focus()

    def say(self, key_: str, **values: object) -> None:
        """A line under the path: what is happening or what went wrong."""
        self.query_one("#bc-status", Label).update(t(key_, **values))

    @on(Button.Pressed, "#bc-read")
    @on(Input.Submitted, "#bc-path")
    def read(self) -> None:
        """Send the image to the box to be read."""
        path = self.query_one("#bc-path", Input).value
        if path.strip():
            self.say("bizcard.reading_now")
            self.scan_file(path)

    @work(group="bizcard", exclusive=True)
    async def scan_file(self, path: str) -> None:
        """POST /bizcards/scan with the file's bytes; the fields fill the form."""
        try:
            image = await asyncio.to_thread(read_image, path)
            scan = await self.desk.api.scan_card(image) if self.desk.api else None
        except (ValueError, OSError) as exc:
            self.say("bizcard.bad_file", why=str(exc))
            return
        except DeskError as exc:
            self.say("bizcard.failed", why=str(exc))
            return
        if scan is not None:
            self.show(scan)

    def show(self, scan: CardScanOut) -> None:
        """Fill the form with what was read and offer the customers it matched."""
        self.scan = scan
        f = scan.fields
        for name in TEXT_FIELDS:
            self.query_one(f"#bc-{name}", Input).value = str(getattr(f, name))
        for kind in PHONE_KINDS:
            numbers = [p.number for p in f.phones if p.kind == kind]
            self.query_one(f"#bc-{kind}", Input).value = ", ".join(numbers)
        self.query_one("#bc-email", Input).value = f.email
        self.query_one("#bc-url", Input).value = f.url
        options: list[tuple[str, str]] = [(t("bizcard.new"), NEW)]
        for m in scan.matches:
            by = t(f"bizcard.by_{m.by}")
            options.append((f"{m.display_name} ({m.company or '—'}) · {by}", str(m.customer_id)))
        to = self.query_one("#bc-to", Select)
        to.set_options(options)
        to.value = options[1][1] if len(options) > 1 else NEW
        self.query_one("#bc-form").display = True
        low = [k for k, v in scan.confidence.items() if v < 0.6]
        self.say("bizcard.check_low" if low else "bizcard.check", n=len(scan.matches))
        self.query_one("#bc-name", Input).focus()

    def fields(self) -> CardFieldsOut:
        """The form as card fields."""
        value = {n: self.query_one(f"#bc-{n}", Input).value.strip() for n in TEXT_FIELDS}
        phones = [
            CardPhoneOut(kind=kind, number=number.strip())  # type: ignore[arg-type]
            for kind in PHONE_KINDS
            for number in self.query_one(f"#bc-{kind}", Input).value.split(",")
            if number.strip()
        ]
        return CardFieldsOut(
            **value,
            phones=phones,
            email=self.query_one("#bc-email", Input).value.strip(),
            url=self.query_one("#bc-url", Input).value.strip(),
        )

    @on(Button.Pressed, "#bc-save")
    def action_save(self) -> None:
        """Check the form and keep the card."""
        if self.scan is None:
            return
        try:
            fields = self.fields()
            on_day = parse_day(self.query_one("#bc-on", Input).value)
        except ValueError:
            self.say("bizcard.bad_date")
            self.query_one("#bc-on", Input).focus()
            return
        if not (fields.name or fields.company):
            self.say("bizcard.no_name")
            self.query_one("#bc-name", Input).focus()
            return
        to = self.query_one("#bc-to", Select).value
        body = CardSaveIn(
            token=self.scan.token,
            customer_id=int(str(to)) if to != NEW else None,
            new_customer=new_customer(fields) if to == NEW else None,
            fields=fields,
            exchanged_on=on_day,
            exchanged_where=self.query_one("#bc-where", Input).value.strip(),
        )
        self.keep(body)

    @work(group="bizcard", exclusive=True)
    async def keep(self, body: CardSaveIn) -> None:
        """POST /bizcards; the dialog closes with the customer's id."""
        try:
            kept = await self.desk.api.keep_card(body) if self.desk.api else None
        except DeskError as exc:
            self.say("bizcard.failed", why=str(exc))
            return
        if kept is not None:
            self.notify(t("bizcard.saved"))
            self.dismiss(kept.customer_id)

    def action_cancel(self) -> None:
        """Escape: close without keeping anything."""
        self.dismiss(None)
