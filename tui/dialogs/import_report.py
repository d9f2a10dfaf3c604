"""An import's result at the desk: what was imported, every bad row with its reason and every
number mended, row by row; after a refused import, the choice to import the good rows."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Label

from appliance.contract.transfer import ImportResult
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


def summary(result: ImportResult) -> str:
    """One line: imported, checked or refused, in the desk's language."""
    bad = len(result.problems)
    if result.dry_run:
        return t("xfer.report.checked", would=result.would_import, already=result.already_there)
    if not result.committed and bad:
        return t("xfer.report.refused", bad=bad)
    line = t(
        "xfer.report.imported",
        imported=result.imported,
        already=result.already_there,
        notes=result.notes_imported,
    )
    return f"{line} {t('xfer.report.left_out', bad=bad)}" if bad else line


class ReportDialog(DeskDialog):
    """Dismissed with "good_rows" when the user asks to import the good rows, else None."""

    BINDINGS = [key("escape", "close", "key.close")]  # noqa: RUF012

    def __init__(self, result: ImportResult) -> None:
        super().__init__()
        self.result = result

    @property
    def may_import_good_rows(self) -> bool:
        """A refused import that has good rows to offer."""
        r = self.result
        return not r.committed and not r.dry_run and bool(r.problems) and r.would_import > 0

    def compose(self) -> ComposeResult:
        """Summary, the rows, the choices."""
        with Vertical(id="import-report", classes="dialog"):
            yield Label(t("xfer.report.title"), classes="heading")
            yield Label(summary(self.result), id="summary")
            yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="buttons"):
                if self.may_import_good_rows:
                    label = t("xfer.report.good_rows", good=self.result.would_import)
                    yield Button(label, id="good", variant="primary")
                yield Button(t("xfer.close"), id="close")

    def on_mount(self) -> None:
        """Fill the rows: problems first, then fixes, each in row order."""
        super().on_mount()
        table = self.query_one("#rows", DataTable)
        table.add_columns(t("xfer.col.row"), "", t("xfer.col.what"))
        for p in self.result.problems:
            where = f"{p.sheet} {p.row}" if p.sheet else str(p.row)
            table.add_row(where, t("xfer.problem"), p.reason)
        for f in self.result.fixes:
            table.add_row(str(f.row), t("xfer.fixed"), f.fix)

    @on(Button.Pressed, "#good")
    def good_rows(self) -> None:
        """Import the good rows after all."""
        self.dismiss("good_rows")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
