"""The frame every desk screen shares: header, body, status line, key hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header

from tui.client.errors import DeskError
from tui.keys import localize
from tui.messages import Failed
from tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from tui.app import DeskApp
    from tui.client.desk_api import DeskApi


class Relabel(Message):
    """Posted to a screen when the desk's language changed."""


class Body(Container):
    """The part of a screen its body() composes (rebuilt alone when the language changes)."""

    def __init__(self, screen: DeskScreen, id: str) -> None:
        super().__init__(id=id)
        self.owner = screen

    def compose(self) -> ComposeResult:
        """The owner screen's body."""
        yield from self.owner.body()


class DeskScreen(Screen[object]):
    """A screen with the desk's frame; subclasses write body()."""

    ready = False  # True once mounted and drawn: only then does state_changed() run

    def compose(self) -> ComposeResult:
        """Header, the body, the status line and the key hints."""
        yield Header()
        yield Body(self, id="body")
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

    _set_up = False

    def on_mount(self) -> None:
        """Key hints in the current language; prepare() the widgets (once)."""
        # Textual dispatches Mount to this handler itself after a subclass's on_mount, which
        # calls super().on_mount() first so its widgets are prepared before it fills them:
        # doing it twice gave every table its columns twice.
        if self._set_up:
            return
        self._set_up = True
        localize(self)
        self.prepare()
        self.call_after_refresh(self._ready)

    def prepare(self) -> None:
        """Set up freshly composed widgets (table columns...); again after a relabel."""

    def _ready(self) -> None:
        self.ready = True

    def relabel(self) -> None:
        """The language changed: rebuild, then redraw from state (in this screen's queue)."""
        self.post_message(Relabel())

    async def on_relabel(self, _: Relabel) -> None:
        """Recompose the body and prepare it before this screen handles any other message."""
        # A handler, not a worker: results a worker of this screen posts meanwhile (a page of
        # calls...) wait in the queue until the new tables have their columns again.
        self.ready = False
        await self.query_one(Body).recompose()  # the frame (status, key hints) stays
        self.prepare()
        self.ready = True
        self.state_changed(True)

    def state_changed(self, reload: bool) -> None:
        """The desk's state changed (reload: fetch again from the box)."""

    def fail(self, error: DeskError, what: str = "") -> None:
        """Show an API error (from a worker)."""
        self.desk.post_message(Failed(error, what))


class DeskDialog(ModalScreen[object]):
    """A modal dialog with the same helpers."""

    ready = False

    @property
    def desk(self) -> DeskApp:
        """The app, typed."""
        return cast("DeskApp", self.app)

    _set_up = False

    def on_mount(self) -> None:
        """Key hints in the current language (once: see DeskScreen.on_mount)."""
        if self._set_up:
            return
        self._set_up = True
        localize(self)
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.ready = True
