"""The desk app: one factory for the CLI, the browser server and the tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import work
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive

from appliance.contract import CallOut, Event, LoginOut, TaskOut
from tui import messages as m
from tui.actions import DeskActions
from tui.box_warnings import warning_text
from tui.browser import alert_call
from tui.client.desk_api import ClientFactory, DeskApi
from tui.client.errors import ApiError, DeskError, NotLoggedInError
from tui.client.event_socket import EventStream, LinkState
from tui.client.keystore import Keystore
from tui.client.session import Address, paired_client, unlock_if_locked
from tui.desk_client import desk_client
from tui.event_messages import to_message
from tui.guard import describe, log, log_to, unwrap
from tui.i18n import Lang, language, set_language, t
from tui.keys import key, localize
from tui.marks import use_words
from tui.state import DeskState


@dataclass(frozen=True)
class DeskOptions:
    """How the desk starts: what the command line (or a test, or the demo) already knows."""

    box: str | None = None
    code: str | None = None
    user: str | None = None
    password: str | None = None
    desk_name: str | None = None
    interfaces: list[str] | None = None
    remember: bool = True  # False: ask for the login every time (browser desks)
    session_token: str | None = None  # a session the browser page logged in with (serve)
    backoff_s: float = 0.5
    backoff_max_s: float = 5.0
    audio_output: Callable[[], Any] | None = None  # the player's AudioOutput (None: sound card)
    export_dir: str | None = None  # where managers' WAV exports go (None: ~/ringdesk-exports)


class DeskApp(DeskActions):
    """Pairs and logs in if needed, keeps the event stream, shows pops over any screen."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [Path(__file__).parent / "styles" / "desk.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        # the Alt+ keys: a browser desk keeps F1, F3, F5-F7 for itself (the hints show them)
        key("f1,alt+h", "home", "key.home"),
        key("f2,ctrl+f,alt+s", "search", "key.search", priority=True),
        key("f3,alt+c", "calls", "key.pop"),
        key("f4,alt+b", "board", "key.board"),
        key("f5,alt+l", "log", "key.log"),
        key("f6,alt+g", "segments", "key.segments"),
        key("f7,alt+j", "toggle_language", "key.lang"),
        key("f10,alt+e", "end_call", "key.end_call"),  # shown while this desk holds a call
        key("alt+p", "printing", "key.printing"),
        key("f11,alt+o", "orders", "key.orders"),
        key("alt+u", "trash", "key.trash"),
        key("f8", "toggle_theme", "key.theme", show=False),
        key("f9", "offline", "key.offline", show=False),
        key("ctrl+q", "quit", "key.quit", show=False),
    ]
    link_text: reactive[str] = reactive("")

    def __init__(
        self,
        keystore: Keystore,
        options: DeskOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        client_factory: ClientFactory = desk_client,
    ) -> None:
        """client_factory makes the box client once the desk is paired (tests: a fake box)."""
        super().__init__()
        self.keystore, self.options, self.clock = keystore, options or DeskOptions(), clock
        self.client_factory = client_factory
        self.state = DeskState()
        self.reminded: set[int] = set()
        self.unsure: list[TaskOut] = []
        self.api: DeskApi | None = None
        self.stream: EventStream | None = None
        self.last_seq: int | None = None
        self.events_seen: list[Event] = []
        self.errors: list[BaseException] = []  # unexpected errors the desk carried on after
        self.replica_wake = asyncio.Event()  # set by a `change` event: the replica pulls now
        prefs = keystore.prefs()
        self.theme = prefs.get("theme", "textual-dark")
        self.title = t("app.title")

    # errors -------------------------------------------------------------------------------
    def desk_error(self, error: BaseException) -> None:
        """An error nobody expected: logged without personal data, a short message, go on."""
        error = unwrap(error)
        self.errors.append(error)
        log.error("desk error: %s", describe(error))
        self.notify(t("error.unexpected"), title=t("error.title"), severity="error", timeout=8)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's default shows the traceback with its locals (customers' data) and exits;
        # workers, timers and callbacks end up here. Start-up errors still end the desk.
        if len(self.screen_stack) < 2:
            super()._handle_exception(error)
            return
        self.desk_error(error)

    async def _dispatch_message(self, message: Message) -> None:
        # Key bindings run in the app's own message loop, which Textual ends on an error.
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            self.desk_error(error)

    # start-up ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Home first, then whatever is missing: pairing, login."""
        from tui.screens.home import HomeScreen

        localize(self)
        use_words(self.is_web)  # a browser may have no emoji font
        self.link_text = t("link.connecting")
        self.push_screen(HomeScreen())
        if self.options.code is not None:
            self.pair_from_options()
        elif not self.keystore.paired:
            self.show_connect()
        else:
            self.paired()

    def show_connect(self) -> None:
        """The first-run screen: find a box, pair."""
        from tui.screens.connect import ConnectScreen

        self.push_screen(ConnectScreen(self.options.interfaces), lambda _ok: self.paired())

    @work(exclusive=True, group="setup")
    async def pair_from_options(self) -> None:
        """Pair with --pair CODE (and --box), without asking."""
        box = Address.parse(self.options.box) if self.options.box else None
        try:
            self.api = await paired_client(
                self.keystore,
                box=box,
                code=self.options.code,
                desk_name=self.options.desk_name,
                interfaces=self.options.interfaces,
                remember=self.options.remember,
                client_factory=self.client_factory,
            )
        except DeskError as exc:
            self.notify(str(exc), title=t("error.title"), severity="error", timeout=10)
            self.show_connect()
            return
        self.paired()

    def paired(self) -> None:
        """A box is pinned: log in (given credentials, remembered token, or ask)."""
        if self.api is None:
            if self.options.box and self.keystore.paired:
                addr = Address.parse(self.options.box)
                self.keystore.update_address(addr.host, addr.port)
            self.api = self.client_factory(self.keystore, remember=self.options.remember)
        if self.options.session_token and not self.api.token:
            self.api.token = self.options.session_token
        if self.options.user and self.options.password is not None:
            self.login(self.options.user, self.options.password)
        elif self.api.token:
            self.check_session()
        else:
            self.ask_login()

    def ask_login(self) -> None:
        """Show the login screen."""
        from tui.screens.login import LoginScreen

        if not any(isinstance(s, LoginScreen) for s in self.screen_stack):
            self.push_screen(LoginScreen(self.keystore.prefs().get("username", "")))

    @work(exclusive=True, group="setup")
    async def login(self, username: str, password: str) -> None:
        """POST /login; LoggedIn or Failed."""
        assert self.api is not None
        await self.unlock_box()
        try:
            user = await self.api.login(username, password)
        except DeskError as exc:
            self.post_message(m.Failed(exc, "login"))
            self.ask_login()
            return
        self.post_message(m.LoggedIn(user))

    @work(exclusive=True, group="setup")
    async def check_session(self) -> None:
        """A remembered token: keep it if the box still takes it."""
        assert self.api is not None
        await self.unlock_box()
        try:
            await self.api.calls(limit=1)
        except NotLoggedInError:
            self.api.logout()
            self.ask_login()
            return
        except ApiError:
            pass  # a box without the call log yet still takes the session
        except DeskError as exc:
            self.post_message(m.Failed(exc, "session"))
        username = self.keystore.prefs().get("username", "")
        self.post_message(
            m.LoggedIn(LoginOut(token=self.api.token or "", username=username, role="operator"))
        )

    async def unlock_box(self) -> None:
        """A locked box opens for a paired desk (its vault slot secret); failures are shown."""
        assert self.api is not None
        try:
            self.state.box_locked = not await unlock_if_locked(self.api)
        except DeskError as exc:
            self.state.box_locked = True
            self.post_message(m.Failed(exc, "unlock"))

    @work(exclusive=True, group="active")
    async def load_active(self) -> None:
        """Calls already ringing when this desk connects (or after a resync)."""
        assert self.api is not None
        try:
            desk_id = (await self.api.me()).get("desk_id")
            self.state.desk_id = desk_id if isinstance(desk_id, int) else None
            await self.learn_me()
            active = await self.api.active_calls()
        except DeskError as exc:
            self.post_message(m.Failed(exc, "active"))
            return
        for call in active:
            if call.pop is not None:
                self.state.on_pop(call.pop)
            self.state.on_call(call)
        if self.state.ringing():
            self.show_calls()
        self.refresh_screens()

    async def learn_me(self) -> None:
        """Who the box says we are (user id and display name: callbacks assigned to us)."""
        assert self.api is not None
        try:
            me = await self.api.me_user()
        except ApiError as exc:
            if isinstance(exc, NotLoggedInError):
                raise
            me = None  # an older box without GET /me/user: claims still teach us our id
        if me is not None:
            self.state.user_id = me.user_id
            user = self.state.user  # a remembered session guessed its role and name
            if user is not None and (user.role, user.username) != (me.role, me.username):
                self.state.user = user.model_copy(update={"role": me.role, "username": me.username})
            self.state.user_names |= {me.username, me.display_name}
            if me.desk_id is not None:
                self.state.desk_id = me.desk_id
        self.state.known = True
        waiting, self.unsure = self.unsure, []
        for task in waiting:
            self.remind(task)

    async def stop_stream(self) -> None:
        """Close the event stream and stop following the replica (its key goes with the
        session); a new login starts both again."""
        self.workers.cancel_group(self, "events")
        self.workers.cancel_group(self, "replica")
        if self.stream is not None:
            await self.stream.close()
            self.stream = None

    def on_logged_in(self, message: m.LoggedIn) -> None:
        """Start the event stream and fill the home screen."""
        from tui.screens.login import LoginScreen

        self.state.login(message.user)
        if self.api is not None and self.api.user is not None:
            self.state.login(self.api.user)
        for screen in list(self.screen_stack):
            if isinstance(screen, LoginScreen):
                screen.dismiss(True)
        self.stream_events()
        self.follow_replica()
        self.load_active()
        self.refresh_screens()

    def action_offline(self) -> None:
        """F9: customers from the desk replica, read-only (for when the box is unreachable)."""
        from tui.screens.offline import OfflineScreen

        if not isinstance(self.screen, OfflineScreen):
            self.push_screen(OfflineScreen())

    @work(exclusive=True, group="replica", exit_on_error=False)
    async def follow_replica(self) -> None:
        """Keep the encrypted replica in step (read with `ringdesk desk --offline` when the box
        is down)."""
        from tui.replica.offline import follow_replica

        assert self.api is not None
        if self.api.replica_keys is None:  # a client with no replica to keep (a fake box)
            return
        if self.api.replica_note:
            self.notify(self.api.replica_note, severity="warning", timeout=10)
        key = await self.api.session_replica_key()
        if key is None:  # a remembered token on a box without escrow: no key this session
            self.notify(t("replica_key.no_session_key"), severity="warning", timeout=10)
            return
        await follow_replica(self.keystore, self.api, self.replica_wake, key=key)

    # the event stream ---------------------------------------------------------------------
    @work(exclusive=True, group="events", exit_on_error=False)
    async def stream_events(self) -> None:
        """The one long-lived worker: box events in, messages out (resumes with since=)."""
        assert self.api is not None
        self.stream = self.api.events(
            self.last_seq,
            backoff_s=self.options.backoff_s,
            backoff_max_s=self.options.backoff_max_s,
        )
        async for item in self.stream:
            if isinstance(item, LinkState):
                self.post_message(m.LinkChanged(item))
                continue
            self.last_seq = item.seq
            if item.kind == "change":
                self.replica_wake.set()
                continue
            self.events_seen.append(item)
            message = to_message(item)
            if message is not None:
                self.post_message(message)

    def on_link_changed(self, message: m.LinkChanged) -> None:
        """Show the link; a lost link is retried by the stream itself."""
        link = message.link
        if link.connected and self.state.link_note:
            self.load_active()  # back after a drop: whatever rings now, even unseen events
        self.state.connected = link.connected
        self.link_text = t("link.up") if link.connected else t("link.down", retry=link.retry_in)
        self.state.link_note = "" if link.connected else link.why

    def on_pop_arrived(self, message: m.PopArrived) -> None:
        """A pop goes over whatever is on screen."""
        self.state.on_pop(message.pop)
        self.bell()
        alert_call(self, message.pop)
        self.show_calls()

    def on_rang(self, message: m.Rang) -> None:
        """Count rings on a shown call."""
        if self.state.on_ring(message.call_id, message.count) is not None:
            self.refresh_screens()

    def on_call_changed(self, message: m.CallChanged) -> None:
        """Claimed, answered, missed, ended: every screen that shows calls follows."""
        self.state.on_call(message.call)
        self.refresh_screens()
        call = message.call
        if (
            call.event == "handed_off"
            and call.desk_id is not None
            and call.desk_id == self.state.desk_id
        ):
            self.handed_to_me(call)

    def handed_to_me(self, call: CallOut) -> None:
        """Another desk handed us a call: its card pops here (the pop when no customer yet)."""
        name = call.customer_name or call.caller_name or call.number_display or call.number
        live = self.state.calls.get(call.id)
        if live is not None:  # ours now, also after the call itself ended
            live.claimed_by, live.claimed_by_me = call.desk_name, True
        self.bell()
        self.notify(t("handoff.received", name=name), timeout=8)
        if call.customer_id is not None:
            from tui.dialogs.pop import PopDialog

            if isinstance(self.screen, PopDialog):
                self.screen.dismiss(None)
            self.open_customer(call.customer_id, call_id=call.id)
        elif call.id in self.state.calls:
            self.show_calls()
        else:
            self.load_active()  # never saw its pop: fetch it, the pop shows it

    def on_customer_changed(self, message: m.CustomerChanged) -> None:
        """Screens showing that customer reload."""
        for screen in self.screen_stack:
            follow = getattr(screen, "customer_changed", None)
            if follow is not None and getattr(screen, "ready", False):
                follow(message.customer_id, message.version)

    def on_order_changed(self, message: m.OrderChanged) -> None:
        """The order board follows the order as it moves."""
        for screen in self.screen_stack:
            follow = getattr(screen, "order_changed", None)
            if follow is not None and getattr(screen, "ready", False):
                follow(message.order)

    def action_orders(self) -> None:
        """F11 / Alt+O: the order board."""
        from tui.screens.orders_board import OrdersBoardScreen

        self.push_screen(OrdersBoardScreen())

    def on_print_changed(self, _message: m.PrintChanged) -> None:
        """Screens showing print jobs reload."""
        for screen in self.screen_stack:
            follow = getattr(screen, "print_changed", None)
            if follow is not None and getattr(screen, "ready", False):
                follow()

    def on_callback_due(self, message: m.CallbackDue) -> None:
        """The assignee's desk (or every desk for an unassigned one) shows a reminder."""

        self.remind(message.task)

    def on_box_status(self, message: m.BoxStatus) -> None:
        """Box health in the status line."""
        self.state.box_locked = bool(message.data.get("locked"))
        for warning in message.data.get("warnings", []) or []:
            self.notify(warning_text(warning), severity="warning")

    def on_resynced(self, _message: m.Resynced) -> None:
        """The box lost our place: reload whatever is shown."""
        self.notify(t("link.resync"))
        self.load_active()
        self.refresh_screens(reload=True)

    def on_failed(self, message: m.Failed) -> None:
        """Errors are shown as the box words them."""
        self.notify(str(message.error), title=t("error.title"), severity="error", timeout=8)

    async def on_unmount(self) -> None:
        """Close the stream and the connection pool."""
        if self.stream is not None:
            await self.stream.close()
        if self.api is not None:
            await self.api.aclose()


def build_app(
    keystore: Keystore,
    options: DeskOptions | None = None,
    *,
    lang: Lang | None = None,
    clock: Callable[[], float] = time.monotonic,
    client_factory: ClientFactory = desk_client,
) -> DeskApp:
    """The desk app, as the CLI, --serve, the demo and the tests all build it."""
    chosen = lang or keystore.prefs().get("lang") or language()
    set_language("en" if chosen == "en" else "ja")
    return DeskApp(keystore, options, clock, client_factory=client_factory)


def run_desk(keystore: Keystore | Path | str, *, lang: Lang | None = None, **options: Any) -> int:
    """Run the terminal desk until the operator quits; the exit code.

    options are DeskOptions fields: box="host:port", code, user, password, desk_name,
    interfaces (["127.0.0.1"] to look for boxes on loopback only).
    """
    store = keystore if isinstance(keystore, Keystore) else Keystore(Path(keystore))
    log_to(store.root)
    app = build_app(store, DeskOptions(**options), lang=lang)
    return app.run() or 0
