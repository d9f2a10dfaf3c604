"""Export every customer from the desk to a file on this PC: .xlsx (with notes, orders and
calls sheets as chosen), .csv or vCard 3.0/4.0 (manager and admin; the box audits it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from appliance.contract.transfer import EXPORT_SHEETS
from tui.client import transfer
from tui.client.errors import DeskError
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

FORMATS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", ".xlsx", ""),
    ("csv", ".csv", ""),
    ("vcf3", ".vcf", "3.0"),
    ("vcf4", ".vcf", "4.0"),
)


def default_path(folder: Path | None = None) -> Path:
    """Where an export goes unless the user says otherwise."""
    stamp = dt.date.today().strftime("%Y%m%d")
    return (folder or Path.home() / "ringdesk-exports") / f"customers-{stamp}.xlsx"


class ExportDialog(DeskDialog):
    """Dismissed with the path written, or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "export", "xfer.export.go", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        """File, format, sheets, export."""
        with Vertical(id="export", classes="dialog"):
            yield Label(t("xfer.export.title"), classes="heading")
            yield Label(t("xfer.file"))
            yield Input(str(default_path(self.folder)), id="path")
            yield Label(t("xfer.format"))
            options = [(t(f"xfer.format.{name}"), name) for name, _, _ in FORMATS]
            yield Select(options, value="xlsx", allow_blank=False, id="format")
            yield Label(t("xfer.sheets"))
            with Horizontal(classes="row"):
                for sheet in EXPORT_SHEETS:
                    yield Checkbox(t(f"xfer.sheet.{sheet}"), sheet != "calls", id=f"s-{sheet}")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('xfer.export.go')} [ctrl+s]", id="go", variant="primary")
            yield Label("", id="status")

    def on_mount(self) -> None:
        """The file name first."""
        super().on_mount()
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def format_changed(self, event: Select.Changed) -> None:
        """The file name follows the format."""
        suffix = next(s for name, s, _ in FORMATS if name == event.value)
        box = self.query_one("#path", Input)
        box.value = str(Path(box.value or str(default_path(self.folder))).with_suffix(suffix))
        for sheet in EXPORT_SHEETS:
            self.query_one(f"#s-{sheet}", Checkbox).disabled = suffix != ".xlsx"

    @on(Button.Pressed, "#go")
    @on(Input.Submitted, "#path")
    def action_export(self) -> None:
        """Export to the file named."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#path", Input).focus()
            return
        self.query_one("#status", Label).update(t("xfer.exporting"))
        self.export(Path(text).expanduser())

    @work(exclusive=True, group="export")
    async def export(self, path: Path) -> None:
        """GET /transfer/export into path."""
        chosen = str(self.query_one("#format", Select).value)
        name, suffix, version = next(f for f in FORMATS if f[0] == chosen)
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        sheets = [s for s in EXPORT_SHEETS if self.query_one(f"#s-{s}", Checkbox).value]
        api = self.desk.api
        assert api is not None
        try:
            self.written = await transfer.export_to(
                api, path, version=version or "3.0", sheets=sheets if name == "xlsx" else ()
            )
        except (DeskError, OSError) as exc:
            self.query_one("#status", Label).update(t("xfer.export_failed", error=str(exc)))
            return
        self.notify(t("xfer.exported", path=str(self.written)))
        self.dismiss(self.written)

    def action_cancel(self) -> None:
        """Escape: close."""
        self.dismiss(None)
