"""The incoming-call pop over whatever is on screen: lines ringing, the card, one-key claim."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import TYPING_S
from tui.format import call_state, caller
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog
from tui.state import LiveCall
from tui.widgets.keyhints import KeyHints
from tui.widgets.popcard import pop_body, pop_header


class PopDialog(DeskDialog):
    """Shows the live calls; c claims, Enter opens the card, n/a for an unknown number,
    h hands it to another desk."""

    BINDINGS = [  # noqa: RUF012
        key("c", "claim", "key.claim"),
        key("enter", "open", "pop.open"),
        key("n", "new", "pop.new"),
        key("a", "attach", "pop.attach"),
        key("d", "address", "pop.address"),
        key("h", "handoff", "key.handoff"),
        key("u", "usual", "pop.usual_key"),
        key("escape", "close", "pop.dismiss"),
        # the app's end-of-call key does not reach past this dialog: the same key here
        key("f10,alt+e", "end_call", "key.end_call"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The end-of-call key is there only while this desk holds a call."""
        if action == "end_call":
            return self.desk.state.my_call() is not None
        return super().check_action(action, parameters)

    def action_end_call(self) -> None:
        """F10 over the pop: the call this desk holds is over."""
        self.desk.action_end_call()

    def __init__(self) -> None:
        super().__init__()
        self.selected: int | None = None
        self._match_ids: list[int] = []
        self.shown_at = float("-inf")

    def compose(self) -> ComposeResult:
        """Lines list, header, card, pick list for a shared number."""
        with Vertical(id="pop"):
            yield Label(t("pop.lines"), id="lines-label")
            yield OptionList(id="lines")
            yield Static(id="pop-header")
            with VerticalScroll(id="pop-card"):
                yield Static(id="pop-body")
            yield OptionList(id="matches")
        yield KeyHints()

    def on_mount(self) -> None:
        """Draw from the desk's state."""
        super().on_mount()
        self.shown_at = self.desk.clock()
        self.query_one("#pop-card").focus()  # arrows scroll the card; c / Enter act on it
        self.state_changed(False)

    def _ready(self) -> None:
        super()._ready()
        self.state_changed(False)  # calls that came in while it was being drawn

    @property
    def live(self) -> LiveCall | None:
        """The call being shown."""
        calls = self.desk.state.calls
        if self.selected in calls:
            return calls[self.selected]
        ringing = self.desk.state.ringing()
        chosen = ringing[-1] if ringing else next(reversed(calls.values()), None)
        self.selected = chosen.call_id if chosen else None
        return chosen

    def state_changed(self, reload: bool) -> None:
        """Redraw; close once nothing is live and this desk holds nothing."""
        if self.leaving:  # closed already (a call can come in while it is being taken down)
            return
        state = self.desk.state
        live = self.live
        if live is None or (not state.ringing() and not live.claimed_by_me):
            self.dismiss(None)
            return
        calls = [c for c in state.calls.values() if not c.over or c.claimed_by_me]
        lines = self.query_one("#lines", OptionList)
        lines.clear_options()
        for c in calls:
            nobody = t("pop.unknown") if c.pop.number or c.pop.number_display else ""
            names = " | ".join(x.display_name for x in c.pop.customers) or nobody
            who = t("pop.claimed_me") if c.claimed_by_me else (c.claimed_by or "")
            text = f"{c.pop.line}  {caller(c.pop)}  {names}  {call_state(c.state)}  {who}"
            lines.add_option(Option(text, id=str(c.call_id)))
        several = len(calls) > 1
        lines.display = several
        self.query_one("#lines-label", Label).display = several
        self.query_one("#pop-header", Static).update(pop_header(live))
        self.query_one("#pop-body", Static).update(pop_body(live))
        self._matches(live)

    def _matches(self, live: LiveCall) -> None:
        """The pick list of a shared number (rebuilt only when the people change)."""
        matches = self.query_one("#matches", OptionList)
        shared = len(live.pop.customers) > 1
        ids = [c.customer_id for c in live.pop.customers] if shared else []
        matches.display = shared
        if ids == self._match_ids:
            return
        self._match_ids = ids
        matches.clear_options()
        for match in live.pop.customers if shared else []:
            label = f"{match.display_name}  {match.company or ''}  {match.phone_label or ''}"
            matches.add_option(Option(label, id=str(match.customer_id)))
        if shared:
            matches.highlighted = ids.index(live.customer_id) if live.customer_id in ids else 0
            if live.customer_id is None:
                matches.focus()

    @on(OptionList.OptionSelected, "#lines")
    def pick_line(self, event: OptionList.OptionSelected) -> None:
        """Show another ringing line."""
        self.selected = int(event.option.id or 0)
        self.state_changed(False)

    @on(OptionList.OptionSelected, "#matches")
    def pick_customer(self, event: OptionList.OptionSelected) -> None:
        """Shared number: this is the caller; their card opens."""
        live = self.live
        if live is not None:
            live.customer_id = int(event.option.id or 0)
            self.action_open()

    def typed_into(self) -> bool:
        """The key is part of typing that began before this pop showed (meant for a field)."""
        desk = self.desk
        fresh = desk.clock() - self.shown_at < TYPING_S
        return fresh and desk.typed_before > self.shown_at - TYPING_S

    def action_claim(self) -> None:
        """c: I'll take it."""
        if self.typed_into():
            return
        live = self.live
        if live is not None and not live.claimed_by_me:
            self.desk.claim(live.call_id)

    def action_open(self) -> None:
        """Enter: the customer's card (pick first on a shared number)."""
        if self.typed_into():
            return
        live = self.live
        if live is None:
            return
        if live.customer_id is None and len(live.pop.customers) > 1:
            matches = self.query_one("#matches", OptionList)
            if matches.highlighted is not None:
                live.customer_id = int(matches.get_option_at_index(matches.highlighted).id or 0)
        if live.customer_id is None:
            self.action_new()
            return
        self.dismiss(None)
        self.desk.open_customer(live.customer_id, call_id=live.call_id)

    def action_new(self) -> None:
        """n: a blank card prefilled with the number."""
        if self.typed_into():
            return
        live = self.live
        if live is not None:
            self.dismiss(None)
            self.desk.new_customer(
                live.pop.number_display or live.pop.number or "", call_id=live.call_id
            )

    def action_address(self) -> None:
        """d: note the caller's address (a caller with no card types the name with it)."""
        from tui.screens.card_contacts import note_address

        if self.typed_into():
            return
        live = self.live
        if live is None:
            return
        if live.customer_id is None and len(live.pop.customers) > 1:
            matches = self.query_one("#matches", OptionList)
            if matches.highlighted is not None:
                live.customer_id = int(matches.get_option_at_index(matches.highlighted).id or 0)
        customer_id = live.customer_id
        if customer_id is None and len(live.pop.customers) == 1:
            customer_id = live.pop.customers[0].customer_id
        self.dismiss(None)
        number = live.pop.number_display or live.pop.number or ""
        note_address(self.desk, customer_id, number, live.call_id)

    def action_attach(self) -> None:
        """a: search for the customer this number belongs to."""
        if self.typed_into():
            return
        live = self.live
        if live is not None:
            self.desk.attach_call(live.call_id)

    def action_handoff(self) -> None:
        """h: give this call's card to another logged-in desk."""
        if self.typed_into():
            return
        live = self.live
        if live is not None:
            self.desk.hand_off(live.call_id)

    def action_usual(self) -> None:
        """u: take the call and put the caller's usual order in (ctrl+s confirms it)."""
        if self.typed_into():
            return
        live = self.live
        if live is None or not any(c.usual_order_id for c in live.pop.customers):
            return
        from tui.order_entry import usual_from_pop

        self.dismiss(None)
        self.desk.run_worker(usual_from_pop(self.desk, live), group="order")

    def action_close(self) -> None:
        """Escape: hide (F3 brings it back)."""
        self.dismiss(None)

    def relabel(self) -> None:
        """Language changed."""
        self.state_changed(False)
