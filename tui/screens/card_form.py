"""The editable part of a customer card: which fields, read from the form, compared with the box.

Values are kept as the form shows them (text; tags as "a, b"; the birth date as YYYY-MM-DD)
and turned into wire values by wire(). A field the box withholds from this user (None on the
card; the birth date: left out) is neither shown nor sent."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Checkbox, Input, Label, Select

from appliance.contract import CustomerCard
from tui.i18n import t

TEXT_FIELDS = (
    "display_name",
    "reading",
    "company",
    "department",
    "title",
    "occupation",
    "household",
    "interests",
    "birthplace",
    "income_band",
    "caution_note",
)
CHOICES: dict[str, tuple[str, ...]] = {
    "kind": ("person", "company"),
    "gender": ("unknown", "female", "male", "other"),
}
FLAG_FIELDS = ("vip", "caution", "blocked")
FIELDS = (
    *TEXT_FIELDS[:2],
    "kind",
    *TEXT_FIELDS[2:5],
    "gender",
    "birth_date",
    *TEXT_FIELDS[5:],
    "tags",
    *FLAG_FIELDS,
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class FormError(ValueError):
    """A field the desk cannot read; the message names it (in the desk's language)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def read_date(text: str) -> dt.date | None:
    """1980-01-31, 1980/1/31, 1980年1月31日, 19800131 (full-width too); "" is no date."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    m = _DATE.fullmatch(text)
    if m is None:
        raise FormError("birth_date", t("form.bad_date", value=text))
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise FormError("birth_date", t("form.bad_date", value=text)) from None


def read_tags(text: str) -> list[str]:
    """Tags typed with commas (、 and full-width commas too), each once, in the order typed."""
    parts = re.split(r"[,、，;；]", unicodedata.normalize("NFKC", text))
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in out:
            out.append(part)
    return out


def _field(name: str) -> ComposeResult:
    yield Label(t(f"field.{name}"), classes="field-label", id=f"l-{name}")
    if name in CHOICES:
        options = [(t(f"field.{name}.{v}"), v) for v in CHOICES[name]]
        yield Select(options, allow_blank=False, id=f"f-{name}", classes="field", compact=True)
    else:
        hint = t(f"field.{name}.hint") if name in ("birth_date", "tags") else ""
        yield Input(id=f"f-{name}", classes="field", compact=True, placeholder=hint)


def form_widgets(number: str | None = None) -> ComposeResult:
    """Label + one-row input for each field, a checkbox for each flag (and a phone for new
    cards); the flags first, so they are never below the fold."""
    with Horizontal(id="flag-row"):
        for name in FLAG_FIELDS:
            yield Checkbox(t(f"field.{name}"), id=f"f-{name}", compact=True)
    with Grid(id="profile-grid"):
        for name in FIELDS:
            if name not in FLAG_FIELDS:
                yield from _field(name)
        if number is not None:
            yield Label(t("field.phone"), classes="field-label")
            yield Input(value=number, id="f-phone", classes="field", compact=True)


def card_values(card: CustomerCard | dict[str, Any]) -> dict[str, Any]:
    """The form values of a card (or of a StaleOut's `current`, or {} for a new card);
    None: withheld from this user."""
    stored = isinstance(card, CustomerCard)
    data: dict[str, Any] = (
        card.model_dump(mode="json", exclude_unset=True) if isinstance(card, CustomerCard) else card
    )
    out: dict[str, Any] = {}
    for name in FIELDS:
        if stored and name not in data:
            out[name] = None  # left out of the card by the box: not this user's to see
            continue
        value = data.get(name, False if name in FLAG_FIELDS else "")
        if name == "birth_date" and value is None:
            value = ""  # no date given (a withheld one is left out of the card)
        if name == "tags" and isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif name in CHOICES and value is not None:
            value = value if value in CHOICES[name] else CHOICES[name][0]
        elif name not in FLAG_FIELDS and value is not None:
            value = str(value)
        out[name] = value
    return out


def fill(screen: Any, values: dict[str, Any]) -> None:
    """Put values into the form; a withheld field (None) is hidden."""
    for name in FIELDS:
        value = values.get(name)
        widget = screen.query_one(f"#f-{name}")
        widget.display = value is not None
        if name not in FLAG_FIELDS:
            screen.query_one(f"#l-{name}").display = value is not None
        if value is None:
            continue
        if name in FLAG_FIELDS:
            widget.value = bool(value)
        else:
            widget.value = str(value)


def read(screen: Any) -> dict[str, Any]:
    """What the form says now (hidden fields left out)."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        widget = screen.query_one(f"#f-{name}")
        if not widget.display:
            continue
        if name in FLAG_FIELDS:
            out[name] = bool(widget.value)
        elif name in CHOICES:
            out[name] = str(widget.value)
        else:
            out[name] = widget.value.strip()
    return out


def changes(base: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the operator changed."""
    return {k: v for k, v in now.items() if base.get(k) != v}


def wire(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as CustomerPatch / CustomerIn take them; FormError when one is unreadable."""
    out = dict(values)
    if "birth_date" in out:
        out["birth_date"] = read_date(out["birth_date"])
    if "tags" in out:
        out["tags"] = read_tags(out["tags"])
    return out
