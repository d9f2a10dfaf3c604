"""The manager's field-access tab (閲覧・入力制限): for operators and managers, each customer
field editable, read only or hidden; the box enforces what is saved here."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract import CustomerFields
from appliance.contract.custom_fields import CustomFieldOut
from appliance.contract.field_rules import CUSTOM_PREFIX, RESTRICTED_ROLES, RULES_KEY
from tui.client.errors import DeskError
from tui.i18n import language, t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane

STEPS = ("edit", "read", "hidden")  # what Enter turns a cell into, in turn


class RulesLoaded(Message):
    """The rules and the custom fields they can name."""

    def __init__(self, rules: dict[str, dict[str, str]], fields: list[CustomFieldOut]) -> None:
        super().__init__()
        self.rules, self.fields = rules, fields


class RulesPane(ManagerPane):
    """Rows: the fields; columns: operator and manager; Enter steps a cell, Ctrl+S saves."""

    TABLE = "mgr-rules"
    BINDINGS = [  # noqa: RUF012
        key("enter", "step", "mgr.rules.change"),  # the table's Enter: on_data_table_cell_selected
        key("ctrl+s", "save", "mgr.rules.save"),
    ]

    def __init__(self) -> None:
        super().__init__(id="mgr-rules-pane")
        self.rules: dict[str, dict[str, str]] = {r: {} for r in RESTRICTED_ROLES}
        self.names: list[tuple[str, str]] = []  # (rule name, label)

    def compose(self) -> ComposeResult:
        """The hint and the table."""
        yield Label(t("mgr.rules.hint"), classes="hint")
        yield DataTable(id=self.TABLE, cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns, then the rules."""
        self.table.add_columns(t("mgr.col.field"), *(t(f"mgr.role.{r}") for r in RESTRICTED_ROLES))
        self.load()

    @work(exclusive=True, group="mgr-rules")
    async def load(self) -> None:
        """GET /settings and GET /fields."""
        try:
            values = (await self.admin.settings()).values
            fields = [f for f in await self.admin.fields() if not f.retired]
        except DeskError as exc:
            self.fail(exc, "rules")
            return
        stored: Any = values.get(RULES_KEY) or {}
        rules = {r: dict(stored.get(r) or {}) for r in RESTRICTED_ROLES}
        self.post_message(RulesLoaded(rules, fields))

    def on_rules_loaded(self, message: RulesLoaded) -> None:
        """Fill the table."""
        self.rules = message.rules
        en = language() == "en"
        self.names = [(n, t(f"mgr.rf.{n}")) for n in CustomerFields.model_fields]
        self.names += [
            (CUSTOM_PREFIX + f.key, (f.label_en if en and f.label_en else f.label))
            for f in message.fields
        ]
        self.redraw()

    def redraw(self) -> None:
        """The cells from self.rules, the cursor kept."""
        table = self.table
        where = table.cursor_coordinate
        table.clear()
        for name, label in self.names:
            modes = [t(f"mgr.rules.{self.mode(role, name)}") for role in RESTRICTED_ROLES]
            table.add_row(label, *modes, key=name)
        if self.names:
            table.cursor_coordinate = where

    def mode(self, role: str, name: str) -> str:
        """edit, read or hidden."""
        return self.rules.get(role, {}).get(name, "edit")

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter (or a click) on a cell: the table takes the key, this steps the cell."""
        event.stop()
        self.action_step()

    def action_step(self) -> None:
        """Enter: the chosen cell's next mode (not saved yet)."""
        row, column = self.table.cursor_coordinate
        if not self.names or column == 0:
            return
        role, name = RESTRICTED_ROLES[column - 1], self.names[row][0]
        after = STEPS[(STEPS.index(self.mode(role, name)) + 1) % len(STEPS)]
        if after == "edit":
            self.rules[role].pop(name, None)
        else:
            self.rules[role][name] = after
        self.redraw()

    def action_save(self) -> None:
        """Ctrl+S: store the rules (the box checks them)."""
        self.save({r: dict(self.rules[r]) for r in RESTRICTED_ROLES})

    @work(exclusive=True, group="mgr-rules-save")
    async def save(self, rules: dict[str, dict[str, str]]) -> None:
        """PUT /settings access.field_rules."""
        try:
            await self.admin.put_settings({RULES_KEY: rules})
        except DeskError as exc:
            self.fail(exc, "rules")
            return
        self.app.notify(t("mgr.rules.saved"))
        self.load()
