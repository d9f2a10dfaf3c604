"""The shared callback board: missed and after-hours calls and open callbacks, every desk."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from appliance.contract import TaskOut, TaskPatch
from tui.client.errors import DeskError, StaleEditError
from tui.format import local, task_state, task_title
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen
from tui.widgets.wraptable import fill_wrapped


class BoardLoaded(Message):
    """The board's rows."""

    def __init__(self, tasks: list[TaskOut]) -> None:
        super().__init__()
        self.tasks = tasks


class BoardScreen(DeskScreen):
    """Enter opens the customer; d marks done; the board follows call events."""

    BINDINGS = [  # noqa: RUF012
        key("d", "done", "board.done"),
        key("escape", "back", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[TaskOut] = []

    def body(self) -> ComposeResult:
        """One table."""
        with Vertical(id="board"):
            yield Label(t("board.title"), classes="heading")
            yield DataTable(id="board-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="board-note", classes="hint")

    def on_mount(self) -> None:
        """Load."""
        super().on_mount()
        self.load()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#board-table", DataTable).add_columns(
            t("col.due"), t("col.name"), t("col.who"), t("col.state"), t("col.reason")
        )

    def state_changed(self, reload: bool) -> None:
        """A call moved on (a missed call may add a row): reload."""
        self.load()

    @work(exclusive=True, group="board")
    async def load(self) -> None:
        """GET /callbacks."""
        try:
            tasks = await self.api.callbacks()
        except DeskError as exc:
            self.fail(exc, "callbacks")
            return
        self.post_message(BoardLoaded(tasks))

    def on_board_loaded(self, message: BoardLoaded) -> None:
        """Fill the table in the order the box gives (mine, overdue, then by due time)."""
        self.tasks = message.tasks
        rows = [
            (
                (
                    local(task.due_at),
                    task.customer_name or "—",
                    task.assignee or "",
                    task_state(task.state),
                    task_title(task),  # last: it wraps in the width left
                ),
                str(task.id),
            )
            for task in self.tasks
        ]
        fill_wrapped(self.query_one("#board-table", DataTable), rows)
        self.query_one("#board-note", Label).update("" if self.tasks else t("board.empty"))

    def on_resize(self) -> None:
        """The wrapped reasons follow the width."""
        if self.tasks:
            self.call_after_refresh(self.on_board_loaded, BoardLoaded(self.tasks))

    def _current(self) -> TaskOut | None:
        table = self.query_one("#board-table", DataTable)
        if not self.tasks or table.cursor_row is None:
            return None
        return self.tasks[min(table.cursor_row, len(self.tasks) - 1)]

    @on(DataTable.RowSelected, "#board-table")
    def open_card(self) -> None:
        """Enter: the customer."""
        task = self._current()
        if task is not None and task.customer_id is not None:
            self.desk.open_customer(task.customer_id)

    def action_done(self) -> None:
        """d: mark the selected callback done."""
        task = self._current()
        if task is not None:
            self.mark_done(task)

    @work(group="board-edit")
    async def mark_done(self, task: TaskOut) -> None:
        """PATCH /tasks/{id} state=done (someone else may have been first: reload)."""
        try:
            await self.api.patch_task(task.id, TaskPatch(version=task.version, state="done"))
        except StaleEditError as exc:
            self.notify(exc.detail, severity="warning")
        except DeskError as exc:
            self.fail(exc, "task")
        self.load()

    def action_back(self) -> None:
        """Escape."""
        self.dismiss(None)
