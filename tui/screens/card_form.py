"""The editable part of a customer card: which fields, read from the form, compared with the box."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Checkbox, Input, Label

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
    "caution_note",
)
FLAG_FIELDS = ("vip", "caution", "blocked")
FIELDS = TEXT_FIELDS + FLAG_FIELDS


def form_widgets(number: str | None = None) -> ComposeResult:
    """Label + one-row input for each text field, a checkbox for each flag (and a phone for
    new cards); the flags first, so they are never below the fold."""
    with Horizontal(id="flag-row"):
        for name in FLAG_FIELDS:
            yield Checkbox(t(f"field.{name}"), id=f"f-{name}", compact=True)
    with Grid(id="profile-grid"):
        for name in TEXT_FIELDS:
            yield Label(t(f"field.{name}"), classes="field-label")
            yield Input(id=f"f-{name}", classes="field", compact=True)
        if number is not None:
            yield Label(t("field.phone"), classes="field-label")
            yield Input(value=number, id="f-phone", classes="field", compact=True)


def card_values(card: CustomerCard | dict[str, Any]) -> dict[str, Any]:
    """The editable values of a card (or of a StaleOut's `current`)."""
    data = card.model_dump() if isinstance(card, CustomerCard) else card
    return {name: data.get(name, False if name in FLAG_FIELDS else "") for name in FIELDS}


def fill(screen: Any, values: dict[str, Any]) -> None:
    """Put values into the form."""
    for name in TEXT_FIELDS:
        screen.query_one(f"#f-{name}", Input).value = str(values.get(name) or "")
    for name in FLAG_FIELDS:
        screen.query_one(f"#f-{name}", Checkbox).value = bool(values.get(name))


def read(screen: Any) -> dict[str, Any]:
    """What the form says now."""
    out: dict[str, Any] = {n: screen.query_one(f"#f-{n}", Input).value.strip() for n in TEXT_FIELDS}
    out.update({n: screen.query_one(f"#f-{n}", Checkbox).value for n in FLAG_FIELDS})
    return out


def changes(base: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the operator changed."""
    return {k: v for k, v in now.items() if base.get(k) != v}
