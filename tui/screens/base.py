"""The frame every desk screen shares: header, body, status line, key hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Container
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Header

from tui.client.errors import DeskError
from tui.keys import localize
from tui.messages import Failed
from tui.widgets.keyhints import KeyHints
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


def _finished() -> AwaitComplete:
    """An already finished await (a dismiss that closes nothing now)."""
    return cast(AwaitComplete, AwaitComplete.nothing())  # type: ignore[no-untyped-call]


class GuardedScreen(Screen[object]):
    """A desk screen that closes once and survives its own handlers' errors."""

    _dismissed = False
    _close_when_on_top: tuple[object] | None = None

    @property
    def desk(self) -> DeskApp:
        """The app, typed."""
        return cast("DeskApp", self.app)

    async def _dispatch_message(self, message: Message) -> None:
        # Textual ends a screen's message loop (and the app) on a handler's error; the desk
        # reports it and this screen goes on taking keys and events.
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            if not (isinstance(error, NoMatches) and self.leaving):  # (widgets already gone)
                self.desk.desk_error(error)

    @property
    def leaving(self) -> bool:
        """Dismissed or popped: what it still handles has nowhere to show."""
        return self._dismissed or self not in self.app.screen_stack

    def dismiss(self, result: object | None = None) -> AwaitComplete:
        """Close with result once: now if on top, else when it is on top again."""
        if self.leaving:
            return _finished()
        if self.app.screen is not self:  # popping now would close the screen above instead
            self._close_when_on_top = (result,)
            return _finished()
        self._dismissed = True
        return super().dismiss(result)

    def on_screen_resume(self) -> None:
        """Back on top: a close asked for while it was covered happens now."""
        if self._close_when_on_top is not None:
            self.dismiss(self._close_when_on_top[0])


class DeskScreen(GuardedScreen):
    """A screen with the desk's frame; subclasses write body()."""

    ready = False  # True once mounted and drawn: only then does state_changed() run

    def compose(self) -> ComposeResult:
        """Header, the body, the status line and the key hints."""
        yield Header()
        yield Body(self, id="body")
        yield StatusLine(id="status")
        yield KeyHints()

    def body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

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


class DeskDialog(ModalScreen[object], GuardedScreen):
    """A modal dialog with the same helpers."""

    ready = False

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
