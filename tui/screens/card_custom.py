"""The card's custom fields (defined by an admin: text, number, date, choice): drawn from the
definitions the box lists, kept in the form as "custom.KEY" values, sent as CustomerPatch.custom."""

from __future__ import annotations

from typing import Any

from textual.containers import Grid
from textual.widgets import Input, Label, Select

from appliance.contract.custom_fields import CustomFieldOut
from tui.client.box_client import BoxClient
from tui.i18n import language, t
from tui.screens.card_form import FormError, read_date

PREFIX = "custom."
EDITABLE = ("text", "number", "date", "choice")


class CustomGrid(Grid):
    """Label and field for each custom field, two columns; `fields` by key."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields: dict[str, Input | Select[str]] = {}

    DEFAULT_CSS = """
    CustomGrid {
        grid-size: 2; grid-columns: 12 1fr; grid-rows: 1; grid-gutter: 1 1;
        height: auto; margin-top: 1; display: none;
    }
    """


async def field_defs(client: BoxClient) -> list[CustomFieldOut]:
    """The fields in card order (GET /fields)."""
    return await client.call(list[CustomFieldOut], "GET", "/fields")


def shown(defs: list[CustomFieldOut]) -> list[CustomFieldOut]:
    """The definitions the desk edits (yes/no fields are set by other means)."""
    return [d for d in defs if d.field_type in EDITABLE and not d.retired]


def values(custom: dict[str, str], defs: list[CustomFieldOut]) -> dict[str, str]:
    """The form values of a card's custom fields (every shown field, "" when unset)."""
    return {PREFIX + d.key: str(custom.get(d.key, "")) for d in shown(defs)}


def _label(d: CustomFieldOut) -> str:
    return d.label_en or d.label if language() == "en" else d.label


def rebuild(grid: CustomGrid, defs: list[CustomFieldOut], now: dict[str, str]) -> None:
    """Replace the grid's fields by these definitions, holding the values in now."""
    grid.remove_children()
    grid.fields = {}
    widgets: list[Any] = []
    for d in shown(defs):
        value = now.get(PREFIX + d.key, "")
        widgets.append(Label(_label(d), classes="field-label"))
        field: Input | Select[str]
        if d.field_type == "choice":
            choices = [(c, c) for c in d.choices]
            if value and value not in d.choices:
                choices.append((value, value))
            field = Select(choices, value=value or Select.NULL, compact=True, prompt="—")
        else:
            hint = t("field.birth_date.hint") if d.field_type == "date" else ""
            field = Input(value, compact=True, placeholder=hint)
        grid.fields[d.key] = field
        widgets.append(field)
    grid.display = bool(widgets)
    if widgets:
        grid.mount_all(widgets)


def keys_of(grid: CustomGrid) -> list[str]:
    """The keys the grid holds fields for now."""
    return list(grid.fields)


def put(grid: CustomGrid, now: dict[str, str]) -> None:
    """Values into the fields the grid has."""
    for key, widget in grid.fields.items():
        value = now.get(PREFIX + key, "")
        if isinstance(widget, Select):
            widget.value = value or Select.NULL
        else:
            widget.value = value


def read(grid: CustomGrid) -> dict[str, str]:
    """What the custom fields say now."""
    out: dict[str, str] = {}
    for key, widget in grid.fields.items():
        if isinstance(widget, Select):
            out[PREFIX + key] = "" if widget.value is Select.NULL else str(widget.value)
        else:
            out[PREFIX + key] = widget.value.strip()
    return out


def wire(changed: dict[str, Any], defs: list[CustomFieldOut]) -> dict[str, str]:
    """The changed custom values as CustomerPatch.custom takes them ("" clears one);
    FormError for a date the desk cannot read."""
    kinds = {d.key: d for d in defs}
    out: dict[str, str] = {}
    for name, value in changed.items():
        if not name.startswith(PREFIX):
            continue
        key = name[len(PREFIX) :]
        d = kinds.get(key)
        text = str(value)
        if d is not None and d.field_type == "date" and text:
            try:
                day = read_date(text)
            except FormError:
                raise FormError(name, t("form.bad_custom", label=_label(d))) from None
            text = day.isoformat() if day else ""
        out[key] = text
    return out
