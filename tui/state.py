"""What the desk knows right now: the link, who is logged in, the calls ringing or held."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.api.schema import CallOut, LoginOut, PopOut

OVER = frozenset({"ended", "missed"})


@dataclass
class LiveCall:
    """One call the desk is showing: its pop and its latest state."""

    pop: PopOut
    state: str = "ringing"
    rings: int = 1
    claimed_by: str | None = None  # user (or desk) name of whoever took it
    claimed_by_me: bool = False
    customer_id: int | None = None  # chosen (shared number) or attached customer

    @property
    def call_id(self) -> int:
        """The box's call id."""
        return self.pop.call_id

    @property
    def over(self) -> bool:
        """True once the call ended or was missed."""
        return self.state in OVER


@dataclass
class DeskState:
    """The desk's model, updated by event messages; screens read it."""

    connected: bool = False
    link_note: str = ""
    user: LoginOut | None = None
    box_locked: bool = False
    calls: dict[int, LiveCall] = field(default_factory=dict)

    def on_pop(self, pop: PopOut) -> LiveCall:
        """A new pop (or a refreshed one for a call already shown)."""
        live = self.calls.get(pop.call_id)
        if live is None:
            live = LiveCall(pop)
            if len(pop.customers) == 1:
                live.customer_id = pop.customers[0].customer_id
            self.calls[pop.call_id] = live
        else:
            live.pop = pop
        self.box_locked = pop.locked
        return live

    def on_ring(self, call_id: int, count: int) -> LiveCall | None:
        """Another ring on a call we show."""
        live = self.calls.get(call_id)
        if live is not None:
            live.rings = count
        return live

    def on_call(self, call: CallOut) -> LiveCall | None:
        """A state change: answered, claimed, handed off, missed, ended."""
        live = self.calls.get(call.id)
        if live is None:
            return None
        live.state = call.state
        who = call.user_name or call.desk_name
        if who and call.state not in OVER:
            live.claimed_by = who
            me = self.user.username if self.user else None
            live.claimed_by_me = bool(me and call.user_name == me)
        if call.customer_id is not None:
            live.customer_id = call.customer_id
        return live

    def ringing(self) -> list[LiveCall]:
        """Calls still live, oldest first."""
        return [c for c in self.calls.values() if not c.over]

    def forget_over(self) -> None:
        """Drop calls that are over and not held by this desk."""
        self.calls = {k: c for k, c in self.calls.items() if not c.over or c.claimed_by_me}
