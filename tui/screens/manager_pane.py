"""What every tab of the manager's desk shares: the admin client, errors, a table to fill."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.containers import Vertical
from textual.widgets import DataTable

from tui.client.errors import DeskError
from tui.client.manager_api import ManagerApi
from tui.keys import localize
from tui.messages import Failed

if TYPE_CHECKING:
    from tui.app import DeskApp


class ManagerPane(Vertical):
    """A tab's body: load() fills it; its keys work while its table has the focus."""

    TABLE = ""  # the id of the pane's main table

    @property
    def desk(self) -> DeskApp:
        """The app, typed."""
        return cast("DeskApp", self.app)

    @property
    def admin(self) -> ManagerApi:
        """The admin's calls over the logged-in client."""
        api = self.desk.api
        assert api is not None, "not connected"
        return ManagerApi(api)

    @property
    def table(self) -> DataTable[object]:
        """The pane's main table."""
        return self.query_one(f"#{self.TABLE}", DataTable)

    def fail(self, error: DeskError, what: str) -> None:
        """Show an error from the box as it words it."""
        self.desk.post_message(Failed(error, what))

    def row_index(self) -> int | None:
        """The cursor's row, None on an empty table."""
        table = self.table
        if table.row_count == 0:
            return None
        return min(table.cursor_row, table.row_count - 1)

    def on_mount(self) -> None:
        """Its key hints in the current language (Textual runs this after a subclass's
        on_mount; a relabel mounts the pane anew)."""
        localize(self)

    def load(self) -> object:
        """Fetch from the box and fill the pane (a worker)."""
        return None

    def take_focus(self) -> None:
        """The tab was chosen: its table takes the keys."""
        self.table.focus()


def on_values(then: Callable[[dict[str, str]], object]) -> Callable[[object], None]:
    """A dialog callback: then(values) when a FormDialog answered, nothing on Escape."""

    def answered(result: object) -> None:
        if isinstance(result, dict):
            then(result)

    return answered


def on_yes(then: Callable[[], object]) -> Callable[[object], None]:
    """A dialog callback: then() when a ConfirmDialog answered yes."""

    def answered(result: object) -> None:
        if result is True:
            then()

    return answered
