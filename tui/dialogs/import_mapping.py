"""Import customers from a file on this PC: the box reads it and guesses each column's field,
the user checks and changes the mapping, chooses what happens to bad rows, and watches the
progress; the row report follows (manager and admin)."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select

from appliance.contract.transfer import ImportPreview, ImportResult
from tui.client import transfer
from tui.client.errors import DeskError
from tui.dialogs.import_report import ReportDialog
from tui.i18n import CATALOGUE, t
from tui.keys import key
from tui.screens.base import DeskDialog


def field_label(field: str) -> str:
    """A field as the desk names it (custom fields by their key)."""
    if field.startswith("custom:"):
        return t("xfer.custom", field=field[7:])
    name = f"xfer.field.{field}"
    return t(name) if name in CATALOGUE else field


def column_letter(index: int) -> str:
    """A, B, ... Z, AA, AB ... as a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ImportDialog(DeskDialog):
    """Dismissed with the last ImportResult, or None."""

    DEFAULT_CSS = """
    ImportDialog #import { height: 95%; }
    ImportDialog #path { width: 1fr; }
    ImportDialog #mapping { height: 1fr; min-height: 6; }
    ImportDialog #mapping .row { height: 3; }
    ImportDialog #mapping .column { width: 16; padding: 1 1 0 0; }
    ImportDialog #mapping Select { width: 28; }
    ImportDialog #mapping .sample { width: 1fr; padding: 1 0 0 1; }
    ImportDialog #state { height: 1; }
    ImportDialog #status { width: 1fr; }
    ImportDialog #progress { width: 30; }
    ImportDialog #options { height: 3; }
    ImportDialog #options Select { width: 26; }
    ImportDialog #options Input { width: 6; padding: 0 1; }
    ImportDialog #options Button { width: auto; min-width: 8; }
    """

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "import", "xfer.import.go", priority=True),
        key("ctrl+d", "check", "xfer.check", priority=True),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.start_path = path
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.path: Path | None = None

    def compose(self) -> ComposeResult:
        """File, then (once read) the mapping, options and progress."""
        with Vertical(id="import", classes="dialog"):
            yield Label(t("xfer.import.title"), classes="heading")
            with Horizontal(classes="row"):
                yield Input(self.start_path, placeholder=t("xfer.file"), id="path")
                yield Button(t("xfer.read"), id="read")
            with Horizontal(id="state"):
                yield Label("", id="status")
                yield ProgressBar(id="progress", show_eta=False)
            yield VerticalScroll(id="mapping")
            with Horizontal(classes="row", id="options"):
                modes = [(t("xfer.mode.none"), "none"), (t("xfer.mode.good"), "good")]
                yield Select(modes, value="none", allow_blank=False, id="mode")
                yield Input("JP", id="region", max_length=2, tooltip=t("xfer.region"))
                yield Button(f"{t('xfer.check')} ^D", id="check")
                yield Button(f"{t('xfer.import.go')} ^S", id="go", variant="primary")

    def on_mount(self) -> None:
        """The file name first; the rest waits for a file."""
        super().on_mount()
        self.query_one("#path", Input).focus()
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for selector in ("#check", "#go", "#mode", "#region"):
            self.query_one(selector).disabled = not on

    def _status(self, text: str) -> None:
        self.query_one("#status", Label).update(text)

    @on(Button.Pressed, "#read")
    @on(Input.Submitted, "#path")
    def read_file(self) -> None:
        """Send the file to the box for its preview."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._status(t("xfer.no_file", path=str(path)))
            return
        self.path = path
        self._status(t("xfer.reading"))
        self.load_preview(path)

    @work(exclusive=True, group="import")
    async def load_preview(self, path: Path) -> None:
        """POST /transfer/preview, then one field chooser per column."""
        api = self.desk.api
        assert api is not None
        try:
            preview = await transfer.preview(api, path)
        except (DeskError, OSError) as exc:
            self._status(t("xfer.read_failed", error=str(exc)))
            return
        self.preview = preview
        self._status(t("xfer.preview", rows=preview.rows, encoding=preview.encoding or "xlsx"))
        box = self.query_one("#mapping", VerticalScroll)
        await box.remove_children()
        choices = [(field_label(f), f) for f in preview.fields]
        for column in preview.columns:
            sample = " / ".join(s for s in column.samples if s)[:40]
            text = f"{column_letter(column.index)} {column.header}"
            row = Horizontal(
                Label(text, classes="column"),
                Select(choices, value=column.field, allow_blank=False, id=f"col-{column.index}"),
                Label(f"{t('xfer.sample')} {sample}" if sample else "", classes="sample"),
                classes="row",
            )
            await box.mount(row)
        self.query_one("#progress", ProgressBar).update(total=preview.rows, progress=0)
        self._enable(True)
        self.query_one(f"#col-{preview.columns[0].index}", Select).focus()

    def mapping(self) -> list[str]:
        """The field chosen for each column, in column order."""
        assert self.preview is not None
        return [str(self.query_one(f"#col-{c.index}", Select).value) for c in self.preview.columns]

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """Check every row, write nothing."""
        self._start(dry_run=True, good_only=False)

    @on(Button.Pressed, "#go")
    def action_import(self) -> None:
        """Import as the mapping and the bad-rows choice say."""
        good = self.query_one("#mode", Select).value == "good"
        self._start(dry_run=False, good_only=good)

    def _start(self, *, dry_run: bool, good_only: bool) -> None:
        if self.preview is None or self.path is None or self.query_one("#go").disabled:
            return
        self._enable(False)
        self.run_import(self.path, self.mapping(), dry_run, good_only)

    @work(exclusive=True, group="import")
    async def run_import(
        self, path: Path, mapping: list[str], dry_run: bool, good_only: bool
    ) -> None:
        """POST /transfer/import with a progress bar; then the report."""
        api = self.desk.api
        assert api is not None
        bar = self.query_one("#progress", ProgressBar)
        region = self.query_one("#region", Input).value.strip().upper() or "JP"

        def progress(done: int, total: int) -> None:
            bar.update(total=total, progress=done)
            self._status(t("xfer.importing", done=done, total=total))

        try:
            result = await transfer.import_file(
                api,
                path,
                mapping,
                good_only=good_only,
                dry_run=dry_run,
                region=region,
                progress=progress,
            )
        except (DeskError, OSError) as exc:
            self._status(t("xfer.import_failed", error=str(exc)))
            self._enable(True)
            return
        self.result = result
        self._enable(True)
        self.app.push_screen(ReportDialog(result), self._after_report)

    def _after_report(self, choice: object | None) -> None:
        """The good rows after all, or done (a finished import closes the dialog)."""
        if choice == "good_rows" and self.path is not None:
            self._enable(False)
            self.run_import(self.path, self.mapping(), False, True)
        elif self.result is not None and self.result.committed:
            self.dismiss(self.result)

    def action_cancel(self) -> None:
        """Escape: close (nothing is imported that was not already)."""
        self.dismiss(self.result)
