"""The frame every desk screen shares: header, body, status line, key hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header

from tui.errors import DeskError
from tui.keys import localize
from tui.messages import Failed
from tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from tui.app import DeskApp
    from tui.resources import DeskApi


class DeskScreen(Screen[object]):
    """A screen with the desk's frame; subclasses write body()."""

    def compose(self) -> ComposeResult:
        """Header, the body, the status line and the key hints."""
        yield Header()
        with Container(id="body"):
            yield from self.body()
        yield StatusLine(id="status")
        yield Footer()

    def body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    @property
    def desk(self) -> DeskApp:
        """The app, typed."""
        return cast("DeskApp", self.app)

    @property
    def api(self) -> DeskApi:
        """The logged-in client (screens that call the box exist only after login)."""
        api = self.desk.api
        assert api is not None, "not connected"
        return api

    def on_mount(self) -> None:
        """Key hints in the current language."""
        localize(self)

    def relabel(self) -> None:
        """The language changed: rebuild, then redraw from state."""
        self.run_worker(self._relabel(), group="relabel", exclusive=True)

    async def _relabel(self) -> None:
        await self.recompose()
        self.state_changed(True)

    def state_changed(self, reload: bool) -> None:
        """The desk's state changed (reload: fetch again from the box)."""

    def fail(self, error: DeskError, what: str = "") -> None:
        """Show an API error (from a worker)."""
        self.desk.post_message(Failed(error, what))


class DeskDialog(ModalScreen[object]):
    """A modal dialog with the same helpers."""

    @property
    def desk(self) -> DeskApp:
        """The app, typed."""
        return cast("DeskApp", self.app)

    def on_mount(self) -> None:
        """Key hints in the current language."""
        localize(self)
