"""The manager's fields tab: custom fields every customer card gets (text, number, date,
yes/no, choice), added, relabelled, reordered, retired and brought back."""

from __future__ import annotations

import re
import unicodedata

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract.custom_fields import CustomFieldIn, CustomFieldOut, CustomFieldPatch
from tui.client.errors import DeskError, StaleEditError
from tui.dialogs.manager_forms import ConfirmDialog, FormDialog, FormField
from tui.i18n import t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane, on_values, on_yes

KINDS = ("text", "number", "date", "bool", "choice")


def split_choices(text: str) -> list[str]:
    """Choices typed with commas (、，,) or new lines, blanks and repeats dropped."""
    seen: list[str] = []
    for part in re.split(r"[,、，\n]+", text):
        word = unicodedata.normalize("NFKC", part).strip()
        if word and word not in seen:
            seen.append(word)
    return seen


def _order(text: str) -> int | None:
    digits = unicodedata.normalize("NFKC", text).strip() or "0"
    return int(digits) if digits.isdigit() else None


class FieldsLoaded(Message):
    """The definitions as the box has them now."""

    def __init__(self, fields: list[CustomFieldOut]) -> None:
        super().__init__()
        self.fields = fields


class FieldsPane(ManagerPane):
    """One table of definitions in card order; retired ones marked."""

    TABLE = "mgr-fields"
    BINDINGS = [  # noqa: RUF012
        key("a", "add", "mgr.field.add"),
        key("e", "edit", "mgr.field.edit"),
        key("x", "retire", "mgr.field.retire"),
    ]

    def __init__(self) -> None:
        super().__init__(id="mgr-fields-pane")
        self.fields: list[CustomFieldOut] = []

    def compose(self) -> ComposeResult:
        """The table and a line for the empty state."""
        yield DataTable(id=self.TABLE, cursor_type="row", zebra_stripes=True)
        yield Label("", id="mgr-fields-note", classes="hint")

    def on_mount(self) -> None:
        """Columns, then the fields."""
        self.table.add_columns(
            t("mgr.col.order"),
            t("mgr.col.label"),
            t("mgr.col.label_en"),
            t("mgr.col.kind"),
            t("mgr.col.key"),
            t("mgr.col.choices"),
        )
        self.load()

    @work(exclusive=True, group="mgr-fields")
    async def load(self) -> None:
        """GET /fields?retired=true."""
        try:
            fields = await self.admin.fields()
        except DeskError as exc:
            self.fail(exc, "fields")
            return
        self.post_message(FieldsLoaded(fields))

    def on_fields_loaded(self, message: FieldsLoaded) -> None:
        """Fill the table, the cursor kept where it was."""
        self.fields = message.fields
        table, row = self.table, self.table.cursor_row
        table.clear()
        for f in self.fields:
            kind = t(f"mgr.kind.{f.field_type}") if f.field_type in KINDS else f.field_type
            if f.retired:
                kind = f"{kind} ({t('mgr.field.retired')})"
            table.add_row(
                str(f.position),
                f.label,
                f.label_en,
                kind,
                f.key,
                "、".join(f.choices),
                key=str(f.id),
            )
        if self.fields:
            table.move_cursor(row=min(row, len(self.fields) - 1))
        note = self.query_one("#mgr-fields-note", Label)
        note.update("" if self.fields else t("mgr.field.empty"))

    def current(self) -> CustomFieldOut | None:
        """The field under the cursor."""
        i = self.row_index()
        return self.fields[i] if i is not None and i < len(self.fields) else None

    def action_add(self) -> None:
        """a: a new field."""
        kinds = tuple((t(f"mgr.kind.{k}"), k) for k in KINDS)
        fields = [
            FormField("label", "mgr.form.label"),
            FormField("label_en", "mgr.form.label_en", required=False),
            FormField("key", "mgr.form.key"),
            FormField("field_type", "mgr.form.kind", "select", "text", kinds),
            FormField("choices", "mgr.form.choices", required=False),
            FormField("position", "mgr.form.order", required=False),
        ]
        self.app.push_screen(
            FormDialog(t("mgr.form.add_field"), fields), on_values(self._add_checked)
        )

    def _add_checked(self, values: dict[str, str]) -> None:
        position, choices = _order(values["position"]), split_choices(values["choices"])
        if position is None:
            self.app.notify(t("mgr.form.bad_order"), severity="warning")
            return
        if values["field_type"] == "choice" and not choices:
            self.app.notify(t("mgr.form.no_choices"), severity="warning")
            return
        body = CustomFieldIn(
            key=values["key"],
            label=values["label"],
            label_en=values["label_en"],
            field_type=values["field_type"],  # type: ignore[arg-type]
            choices=choices if values["field_type"] == "choice" else [],
            position=position,
        )
        self.create(body)

    @work(group="mgr-fields-edit")
    async def create(self, body: CustomFieldIn) -> None:
        """POST /fields."""
        try:
            field = await self.admin.add_field(body)
        except DeskError as exc:
            self.fail(exc, "fields")
            return
        self.app.notify(t("mgr.field.added", name=field.label))
        self.load()

    def action_edit(self) -> None:
        """e: relabel, reorder, change the choices of the field under the cursor."""
        field = self.current()
        if field is None:
            return
        fields = [
            FormField("label", "mgr.form.label", value=field.label),
            FormField("label_en", "mgr.form.label_en", value=field.label_en, required=False),
            FormField("position", "mgr.form.order", value=str(field.position), required=False),
        ]
        if field.field_type == "choice":
            fields.append(FormField("choices", "mgr.form.choices", value=", ".join(field.choices)))
        dialog = FormDialog(t("mgr.form.edit_field", name=field.key), fields)
        self.app.push_screen(dialog, on_values(lambda v: self._edit_checked(field, v)))

    def _edit_checked(self, field: CustomFieldOut, values: dict[str, str]) -> None:
        position = _order(values["position"])
        if position is None:
            self.app.notify(t("mgr.form.bad_order"), severity="warning")
            return
        choices = split_choices(values["choices"]) if "choices" in values else None
        if choices == []:
            self.app.notify(t("mgr.form.no_choices"), severity="warning")
            return
        body = CustomFieldPatch(
            version=field.version,
            label=values["label"],
            label_en=values["label_en"],
            position=position,
            choices=choices,
        )
        self.change(field, body)

    @work(group="mgr-fields-edit")
    async def change(self, field: CustomFieldOut, body: CustomFieldPatch) -> None:
        """PATCH /fields/{id}."""
        try:
            done = await self.admin.patch_field(field.id, body)
        except StaleEditError as exc:
            self.app.notify(exc.detail, severity="warning")
        except DeskError as exc:
            self.fail(exc, "fields")
        else:
            self.app.notify(t("mgr.field.saved", name=done.label))
        self.load()

    def action_retire(self) -> None:
        """x: retire the field (asked first) or bring a retired one back."""
        field = self.current()
        if field is None:
            return
        if field.retired:
            self.retire_or_restore(field)
            return
        self.app.push_screen(
            ConfirmDialog(t("mgr.field.retire_q", name=field.label)),
            on_yes(lambda: self.retire_or_restore(field)),
        )

    @work(group="mgr-fields-edit")
    async def retire_or_restore(self, field: CustomFieldOut) -> None:
        """DELETE /fields/{id}, or POST /fields/{id}/restore for a retired one."""
        try:
            if field.retired:
                done = await self.admin.restore_field(field.id)
            else:
                done = await self.admin.retire_field(field)
        except StaleEditError as exc:
            self.app.notify(exc.detail, severity="warning")
        except DeskError as exc:
            self.fail(exc, "fields")
        else:
            said = "mgr.field.retired_done" if done.retired else "mgr.field.restored"
            self.app.notify(t(said, name=done.label))
        self.load()
