"""What the operator can do from anywhere: claim, open cards, search, boards, language, theme,
and (admins) open pairing for a new desk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from textual import events, work
from textual.app import App, SystemCommand
from textual.css.query import NoMatches
from textual.screen import Screen

from appliance.contract import DirectoryUserOut, OnlineDeskOut, TaskOut
from tui import messages as m
from tui.client.desk_api import DeskApi
from tui.client.errors import ApiError, ClaimRefusedError, DeskError
from tui.client.keystore import Keystore
from tui.format import duration
from tui.i18n import Lang, language, set_language, t
from tui.keys import localize
from tui.state import DeskState

TYPING_S = 1.5  # a key this recent means the operator is typing into a field


class DeskActions(App[int]):
    """The app's actions and call handling (DeskApp adds start-up and the event stream)."""

    last_typed = float("-inf")  # the app clock when a printable key last came in
    typed_before = float("-inf")  # ...and the one before it

    keystore: Keystore
    state: DeskState
    api: DeskApi | None
    clock: Callable[[], float]
    link_text: str

    users: list[DirectoryUserOut] | None = None
    reminded: set[int]
    unsure: list[TaskOut]  # reminders that came before this desk knew its user

    async def user_directory(self) -> list[DirectoryUserOut]:
        """Who callbacks can be assigned to, fetched once per login."""
        if self.users is None:
            assert self.api is not None
            self.users = await self.api.users_directory()
        return self.users

    def remind_at(self, task: TaskOut) -> None:
        """Pop a reminder on this desk when the task falls due (the box may also say so)."""
        if task.due_at is None:
            return
        due = task.due_at if task.due_at.tzinfo else task.due_at.replace(tzinfo=dt.UTC)
        wait = max(0.05, (due - dt.datetime.now(dt.UTC)).total_seconds())  # 0 breaks set_timer
        self.set_timer(wait, lambda: self.remind(task))

    def mine(self, task: TaskOut) -> bool:
        """True for a task this desk's user should be reminded of (theirs, or nobody's)."""
        if task.assignee_id is None and task.assignee is None:
            return True
        return self.state.is_me(None, task.assignee_id, task.assignee)

    def remind(self, task: TaskOut) -> None:
        """Show the reminder once per task, on the assignee's desk only."""
        from tui.dialogs.reminder import ReminderDialog

        if task.id in self.reminded:
            return
        if not self.state.known and task.assignee_id is not None:
            # due before the box said who we are: decide once we know (learn_me replays it)
            self.unsure.append(task)
            return
        if not self.mine(task):
            return
        self.reminded.add(task.id)
        self.bell()
        self.push_screen(ReminderDialog(task))

    def ask_login(self) -> None:
        """Show the login screen (DeskApp)."""
        raise NotImplementedError

    def refresh_screens(self, reload: bool = False) -> None:
        """Ask every screen on the stack to redraw from state (and reload from the box)."""
        self.refresh_bindings()  # the end-of-call key shows while this desk holds a call
        for screen in self.screen_stack:
            follow = getattr(screen, "state_changed", None)
            if follow is not None and getattr(screen, "ready", False):
                try:
                    follow(reload)
                except NoMatches:  # a screen being rebuilt or torn down redraws later
                    continue

    # actions -------------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """Note when the operator types (a pop waits for a pause before it takes the keys)."""
        if isinstance(event, events.Key) and event.is_printable and not event.is_forwarded:
            self.typed_before, self.last_typed = self.last_typed, self.clock()
        await super().on_event(event)

    def typing(self) -> bool:
        """The operator typed a character in the last TYPING_S seconds, or opened search
        and is about to type (its query focused and still empty)."""
        from tui.dialogs.search import SearchDialog

        if self.clock() - self.last_typed < TYPING_S:
            return True
        screen = self.screen
        return isinstance(screen, SearchDialog) and screen.awaiting_query()

    def show_calls(self, *, asked: bool = False) -> None:
        """The pop dialog: on top if already open, else pushed over the current screen (while
        the operator is typing, a notice now and the pop once they pause; asked: F3)."""
        from tui.dialogs.pop import PopDialog

        if isinstance(self.screen, PopDialog):
            if self.screen.ready:
                self.screen.state_changed(False)
            return
        if not asked and self.typing() and (self.state.ringing() or self.state.calls):
            if not self._pop_waiting:
                self._pop_waiting = True
                self.notify(t("pop.waiting"), timeout=TYPING_S * 2)
            self.set_timer(TYPING_S, self._pop_after_typing)
            return
        for screen in self.screen_stack:
            if isinstance(screen, PopDialog):
                screen.dismiss(None)
        self._pop_waiting = False
        if self.state.ringing() or self.state.calls:
            self.push_screen(PopDialog())

    _pop_waiting = False

    def _pop_after_typing(self) -> None:
        """A pop held back while the operator typed shows once they pause."""
        if self._pop_waiting:
            self.show_calls()

    @work(group="calls")
    async def claim(self, call_id: int) -> None:
        """I'll take it: the others see who did; the card opens."""
        assert self.api is not None
        try:
            call = await self.api.claim(call_id)
        except ClaimRefusedError as exc:
            live = self.state.calls.get(call_id)
            if live is not None and exc.by:
                live.claimed_by, live.claimed_by_me = exc.by, False
            self.notify(
                t("pop.claimed_by", who=exc.by) if exc.by else exc.detail, severity="warning"
            )
            self.refresh_screens()
            return
        except DeskError as exc:
            self.post_message(m.Failed(exc, "claim"))
            return
        self.state.learn(call)
        live = self.state.on_call(call)
        if live is not None:
            live.claimed_by_me = True
            live.claimed_by = call.user_name or (
                self.state.user.username if self.state.user else None
            )
        self.refresh_screens()
        if live is not None and live.customer_id is not None:
            from tui.dialogs.pop import PopDialog

            if isinstance(self.screen, PopDialog):
                self.screen.dismiss(None)
            self.open_customer(live.customer_id, call_id=call_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The end-of-call key is there only while this desk holds a call."""
        if action == "end_call":
            return self.state.my_call() is not None
        return super().check_action(action, parameters)

    def action_end_call(self) -> None:
        """F10: the call this desk holds is over (its length is kept)."""
        live = self.state.my_call()
        if live is None:
            self.notify(t("call.none_to_end"), severity="warning")
            return
        self.end_call(live.call_id)

    @work(group="calls")
    async def end_call(self, call_id: int) -> None:
        """POST /calls/{id}/end; every screen that shows the call follows."""
        assert self.api is not None
        try:
            call = await self.api.end_call(call_id)
        except DeskError as exc:
            self.post_message(m.Failed(exc, "end_call"))
            return
        live = self.state.on_call(call)
        if live is not None:
            live.state = "ended"
        took = duration(call.duration_s) if call.duration_s is not None else "—"
        self.notify(t("call.ended_here", time=took))
        self.refresh_screens()

    @work(group="calls")
    async def hand_off(self, call_id: int | None) -> None:
        """Pick another logged-in desk and give it the call's card (it pops there)."""
        from tui.dialogs.handoff import HandoffDialog

        assert self.api is not None
        live = self.state.calls.get(call_id) if call_id is not None else None
        if call_id is None:
            self.notify(t("handoff.no_call"), severity="warning")
            return
        try:
            online = await self.api.desks_online()
        except DeskError as exc:
            self.post_message(m.Failed(exc, "handoff"))
            return
        targets = [d for d in online if d.desk_id != self.state.desk_id]
        if not targets:
            self.notify(t("handoff.none"), severity="warning")
            return
        who = ""
        if live is not None:
            who = " | ".join(c.display_name for c in live.pop.customers) or live.pop.number or ""
        target = await self.push_screen_wait(HandoffDialog(who, targets))
        if not isinstance(target, OnlineDeskOut):
            return
        try:
            call = await self.api.handoff(call_id, target.desk_id)
        except DeskError as exc:
            self.post_message(m.Failed(exc, "handoff"))
            return
        self.state.on_call(call)
        if live is not None:
            live.claimed_by, live.claimed_by_me = target.desk_name, False
        self.notify(t("handoff.done", desk=f"{target.desk_name} ({target.user_name})"))
        self.refresh_screens()

    def new_customer(self, number: str, call_id: int | None = None) -> None:
        """A blank card prefilled with the caller's number."""
        from tui.screens.card import CustomerScreen

        self.push_screen(CustomerScreen(None, call_id=call_id, number=number))

    def attach_call(self, call_id: int) -> None:
        """Search for the customer an unknown number belongs to, then attach it."""
        from tui.dialogs.search import SearchDialog

        def chosen(customer_id: object) -> None:
            if isinstance(customer_id, int):
                self.do_attach(call_id, customer_id)

        self.push_screen(SearchDialog(), chosen)

    @work(group="calls")
    async def do_attach(self, call_id: int, customer_id: int) -> None:
        """POST /calls/{id}/attach, then the card."""
        assert self.api is not None
        try:
            await self.api.attach(call_id, customer_id)
        except DeskError as exc:
            self.post_message(m.Failed(exc, "attach"))
            return
        live = self.state.calls.get(call_id)
        if live is not None:
            live.customer_id = customer_id
        from tui.dialogs.pop import PopDialog

        if isinstance(self.screen, PopDialog):
            self.screen.dismiss(None)
        self.open_customer(customer_id, call_id=call_id)

    def action_calls(self) -> None:
        """F3: the calls ringing now."""
        self.show_calls(asked=True)

    def action_home(self) -> None:
        """F1: back to the home screen (a card with unsaved edits asks first, then goes on)."""
        while len(self.screen_stack) > 2:
            screen = self.screen
            unsaved = getattr(screen, "unsaved", None)
            if unsaved is not None and unsaved():
                screen.leave(self.action_home)  # type: ignore[attr-defined]
                return
            self.pop_screen()

    def action_search(self) -> None:
        """Search from anywhere; Enter opens the card."""
        from tui.dialogs.search import SearchDialog

        if isinstance(self.screen, SearchDialog) or self.api is None:
            return
        self.push_screen(SearchDialog(), self.open_picked)

    def open_picked(self, customer_id: object) -> None:
        """A search result was picked."""
        if isinstance(customer_id, int):
            self.open_customer(customer_id)

    def open_customer(self, customer_id: int | None, call_id: int | None = None) -> None:
        """Show a customer's card."""
        from tui.screens.card import CustomerScreen

        if customer_id is not None:
            self.push_screen(CustomerScreen(customer_id, call_id=call_id))

    def action_board(self) -> None:
        """F4: the shared callback board."""
        from tui.screens.board import BoardScreen

        self.push_screen(BoardScreen())

    def action_trash(self) -> None:
        """Alt+U: customers deleted lately, to bring one back."""
        from tui.screens.trash import TrashScreen

        self.push_screen(TrashScreen())

    def action_log(self) -> None:
        """F5: the call log."""
        from tui.screens.calllog import CallLogScreen

        self.push_screen(CallLogScreen())

    def action_printing(self) -> None:
        """Alt+P: the printers, the print jobs, reprints."""
        from tui.screens.printing import PrintingScreen

        if not isinstance(self.screen, PrintingScreen):
            self.push_screen(PrintingScreen())

    def action_segments(self) -> None:
        """F6: condition search and saved queries."""
        from tui.screens.segments import SegmentsScreen

        self.push_screen(SegmentsScreen())

    def action_toggle_language(self) -> None:
        """F7: 日本語 ⇄ English."""
        self.use_language("en" if language() == "ja" else "ja")

    def use_language(self, lang: Lang) -> None:
        """Switch every string on every screen."""
        set_language(lang)
        self.keystore.save_prefs(lang=lang)
        self.title = t("app.title")
        self.link_text = t("link.up") if self.state.connected else t("link.connecting")
        localize(self)
        for screen in self.screen_stack:
            localize(screen)
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()

    def action_toggle_theme(self) -> None:
        """F8: light ⇄ dark."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.keystore.save_prefs(theme=self.theme)

    def action_open_pairing(self) -> None:
        """Admin: open pairing for a new desk and show its code (others are told why not)."""
        if self.api is not None:
            self.open_pairing()

    @work(exclusive=True, group="pairing")
    async def open_pairing(self) -> None:
        """POST /pair/open, then the code in a dialog; the box refuses anyone but an admin."""
        from tui.dialogs.pairing import PairingCodeDialog

        assert self.api is not None
        try:
            opened = await self.api.open_pairing()
        except ApiError as exc:
            if exc.status == 403:
                self.notify(t("pair.admin_only"), severity="warning", timeout=8)
            else:
                self.post_message(m.Failed(exc, "pairing"))
            return
        except DeskError as exc:
            self.post_message(m.Failed(exc, "pairing"))
            return
        self.push_screen(PairingCodeDialog(opened))

    def open_manager(self) -> None:
        """The manager's desk, for an admin (the box refuses its routes to anyone else)."""
        from tui.screens.manager import ManagerScreen

        user = self.state.user
        if user is None or user.role != "admin":
            self.notify(t("mgr.admin_only"), severity="warning")
            return
        if not isinstance(self.screen, ManagerScreen):
            self.push_screen(ManagerScreen())

    def action_logout(self) -> None:
        """End the session on the box (POST /logout) and on this desk; back to the login."""
        self.log_out()

    @work(exclusive=True, group="setup")
    async def log_out(self) -> None:
        """The box ends the session; this desk forgets it even when the box is out of reach."""
        if self.api is not None:
            try:
                await self.api.end_session()
            except DeskError as exc:
                self.notify(t("logout.offline", error=exc), severity="warning", timeout=8)
            else:
                self.notify(t("logout.done"))
        await self.stop_stream()
        self.state.user, self.state.user_id, self.state.user_names = None, None, set()
        self.state.calls.clear()
        self.reminded.clear()
        self.unsure.clear()
        self.users = None
        while len(self.screen_stack) > 2:  # back to home (the stack's first screen is Textual's)
            await self.pop_screen()
        self.ask_login()

    async def stop_stream(self) -> None:
        """Close the event stream (DeskApp); a new login opens it again."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p) offers every action by name."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(t("cmd.lang"), t("key.lang"), self.action_toggle_language)
        yield SystemCommand(t("cmd.theme"), t("key.theme"), self.action_toggle_theme)
        yield SystemCommand(t("key.search"), "F2", self.action_search)
        yield SystemCommand(t("key.board"), "F4", self.action_board)
        yield SystemCommand(t("key.log"), "F5", self.action_log)
        yield SystemCommand(t("key.segments"), "F6", self.action_segments)
        if self.state.my_call() is not None:
            yield SystemCommand(t("key.end_call"), "F10", self.action_end_call)
        if self.api is not None:
            yield SystemCommand(t("pair.open"), "p", self.action_open_pairing)
        if self.state.user is not None and self.state.user.role == "admin":
            yield SystemCommand(t("mgr.title"), "m", self.open_manager)
        yield SystemCommand(t("cmd.logout"), t("key.logout"), self.action_logout)
