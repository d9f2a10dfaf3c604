"""Someone saved the customer first: both sides shown; merge (mine on theirs) or take theirs."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Label

from tui.i18n import CATALOGUE, t
from tui.keys import key
from tui.screens.base import DeskDialog


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "—"
    return str(value) if value not in (None, "") else "—"


def conflict_rows(
    mine: dict[str, Any], base: dict[str, Any], current: dict[str, Any]
) -> list[tuple[str, str, str, bool]]:
    """(field, mine, theirs, clash) for every field either side changed; clash: both did."""
    rows = []
    for name in sorted(set(mine) | {k for k in base if current.get(k, base[k]) != base[k]}):
        theirs_changed = name in current and current[name] != base.get(name)
        mine_value = mine.get(name, base.get(name))
        clash = name in mine and theirs_changed and current[name] != mine_value
        rows.append((name, _shown(mine_value), _shown(current.get(name)), clash))
    return rows


class StaleDialog(DeskDialog):
    """Dismissed with "merge", "theirs" or None (keep editing)."""

    BINDINGS = [  # noqa: RUF012
        key("m", "merge", "stale.merge"),
        key("t", "theirs", "stale.take"),
        key("escape", "cancel", "stale.cancel"),
    ]

    def __init__(self, mine: dict[str, Any], base: dict[str, Any], current: dict[str, Any]):
        super().__init__()
        self.rows = conflict_rows(mine, base, current)

    def compose(self) -> ComposeResult:
        """The table of differences and three buttons."""
        with Vertical(id="stale", classes="dialog"):
            yield Label(t("stale.title"), classes="heading")
            yield DataTable(id="diff", cursor_type="row")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('stale.merge')} [m]", id="merge", variant="warning")
                yield Button(f"{t('stale.take')} [t]", id="theirs", variant="primary")
                yield Button(f"{t('stale.cancel')} [Esc]", id="cancel")

    def on_mount(self) -> None:
        """Fill the table; clashes in bold red."""
        super().on_mount()
        table = self.query_one("#diff", DataTable)
        table.add_columns(t("stale.field"), t("stale.mine"), t("stale.theirs"))
        for name, mine, theirs, clash in self.rows:
            style = "bold red" if clash else ""
            label = t(f"field.{name}") if f"field.{name}" in CATALOGUE else name
            table.add_row(Text(label, style=style), Text(mine, style=style), Text(theirs))

    @on(Button.Pressed, "#merge")
    def action_merge(self) -> None:
        """Save my changes on top of the current row."""
        self.dismiss("merge")

    @on(Button.Pressed, "#theirs")
    def action_theirs(self) -> None:
        """Drop my changes; show the row as it is now."""
        self.dismiss("theirs")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Back to the form, my edits still in it."""
        self.dismiss(None)
