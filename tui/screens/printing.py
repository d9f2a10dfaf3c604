"""Printing at the desk: the printers and their problems, the print jobs newest first, a
reprint of the selected job and a test print; it follows the box's print events."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract.printing import PrinterOut, PrintJobOut
from tui.client.errors import DeskError
from tui.client.printing import print_jobs, print_test_slip, printers, reprint
from tui.format import local
from tui.i18n import CATALOGUE, language, t
from tui.keys import key
from tui.screens.base import DeskScreen


class PrintingLoaded(Message):
    """The printers and the newest jobs."""

    def __init__(self, printers: list[PrinterOut], jobs: list[PrintJobOut]) -> None:
        super().__init__()
        self.printers, self.jobs = printers, jobs


def job_state(job: PrintJobOut) -> str:
    """印刷済み, or 待機中 with the reason it waits."""
    if job.state == "printed":
        return t("print.state.printed")
    problem = f"print.problem.{job.problem}"
    return t("print.state.waiting") + (f" ({t(problem)})" if problem in CATALOGUE else "")


def printer_line(printer: PrinterOut) -> str:
    """One printer: its name, what it prints, its problem and the jobs it keeps."""
    problem = f"print.problem.{printer.problem}"
    state = t(problem) if problem in CATALOGUE else t("print.ready")
    return t(
        "print.printer",
        name=printer.name,
        role=t(f"print.role.{printer.role}"),
        state=state,
        waiting=printer.waiting,
    )


class PrintingScreen(DeskScreen):
    """r reprints the selected job, t prints a test slip on its printer; Esc closes."""

    BINDINGS = [  # noqa: RUF012
        key("r", "reprint", "print.reprint"),
        key("t", "test_print", "print.test"),
        key("escape", "back", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[PrintJobOut] = []
        self.printers: list[PrinterOut] = []

    def body(self) -> ComposeResult:
        """The printers, then the jobs."""
        with Vertical(id="printing"):
            yield Label(t("print.title"), classes="heading")
            yield Label("", id="printers")
            yield DataTable(id="print-jobs", cursor_type="row", zebra_stripes=True)
            yield Label("", id="print-note", classes="hint")

    def on_mount(self) -> None:
        """Load."""
        super().on_mount()
        self.load()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#print-jobs", DataTable).add_columns(
            t("col.time"), t("print.col.order"), t("print.col.kind"), t("print.col.printer"),
            t("col.state"),
        )  # fmt: skip

    def print_changed(self) -> None:
        """A job was queued, printed or failed: reload."""
        self.load()

    def state_changed(self, reload: bool) -> None:
        """The desk redraws (reconnected, relabelled): reload."""
        if reload:
            self.load()

    @work(exclusive=True, group="printing")
    async def load(self) -> None:
        """GET /print/printers and /print/jobs."""
        try:
            found = await printers(self.api)
            jobs = await print_jobs(self.api, 100)
        except DeskError as exc:
            self.fail(exc, "printing")
            return
        self.post_message(PrintingLoaded(found, jobs))

    def on_printing_loaded(self, message: PrintingLoaded) -> None:
        """Fill the printer lines and the table."""
        self.printers, self.jobs = message.printers, message.jobs
        lines = [printer_line(p) for p in self.printers] or [t("print.no_printers")]
        self.query_one("#printers", Label).update("\n".join(lines))
        table = self.query_one("#print-jobs", DataTable)
        row = table.cursor_row
        table.clear()
        for job in self.jobs:
            order = job.order_no + (f" {t('print.reprinted')}" if job.reprint_of else "")
            table.add_row(
                local(job.created_at),
                order,
                t(f"print.slip.{job.kind}") if f"print.slip.{job.kind}" in CATALOGUE else job.kind,
                job.printer or "—",
                job_state(job),
                key=str(job.id),
            )
        if self.jobs and row is not None:
            table.move_cursor(row=min(row, len(self.jobs) - 1))
        self.query_one("#print-note", Label).update("" if self.jobs else t("print.empty"))

    def _current(self) -> PrintJobOut | None:
        table = self.query_one("#print-jobs", DataTable)
        if not self.jobs or table.cursor_row is None:
            return None
        return self.jobs[min(table.cursor_row, len(self.jobs) - 1)]

    def action_reprint(self) -> None:
        """r: print the selected job again."""
        job = self._current()
        if job is not None:
            self.send(job.id, None)

    def action_test_print(self) -> None:
        """t: a test slip on the selected job's printer (or the first printer)."""
        job = self._current()
        name = job.printer if job is not None and job.printer else ""
        name = name or (self.printers[0].name if self.printers else "")
        if name:
            self.send(None, name)
        else:
            self.notify(t("print.no_printers"), severity="warning")

    @work(group="printing-send")
    async def send(self, job_id: int | None, printer: str | None) -> None:
        """POST the reprint or the test print; say so; reload."""
        try:
            if job_id is not None:
                await reprint(self.api, job_id)
            elif printer:
                await print_test_slip(self.api, printer, language())
        except DeskError as exc:
            self.fail(exc, "printing")
            return
        self.notify(t("print.sent"))
        self.load()

    def action_back(self) -> None:
        """Escape."""
        self.dismiss(None)
