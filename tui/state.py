"""What the desk knows right now: the link, who is logged in, the calls ringing or held."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.contract import CallOut, LoginOut, PopOut

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
    desk_id: int | None = None  # this desk, as the box numbers it (GET /me)
    user_id: int | None = None  # learned from this desk's own claims
    user_names: set[str] = field(default_factory=set)  # user name and display name
    known: bool = False  # the box has told us who we are (GET /me/user) since the login

    def login(self, user: LoginOut) -> None:
        """A user logged in on this desk."""
        self.user, self.user_id, self.known = user, None, False
        self.user_names = {user.username}

    def learn(self, call: CallOut) -> None:
        """Our own claim tells us how the box names us."""
        if call.user_id is not None:
            self.user_id = call.user_id
        if call.user_name:
            self.user_names.add(call.user_name)

    def is_me(self, desk_id: int | None, user_id: int | None, user_name: str | None) -> bool:
        """True when a call or task holder is this desk / this user."""
        if desk_id is not None and desk_id == self.desk_id:
            return user_id is None or self.user_id is None or user_id == self.user_id
        if user_id is not None and user_id == self.user_id:
            return True
        return bool(user_name) and user_name in self.user_names

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
            live.claimed_by_me = self.is_me(call.desk_id, call.user_id, call.user_name)
        if call.customer_id is not None:
            live.customer_id = call.customer_id
        return live

    def my_call(self) -> LiveCall | None:
        """The newest call this desk holds that is not over (the end-of-call key's)."""
        mine = [c for c in self.calls.values() if c.claimed_by_me and not c.over]
        return mine[-1] if mine else None

    def ringing(self) -> list[LiveCall]:
        """Calls still live, oldest first."""
        return [c for c in self.calls.values() if not c.over]

    def forget_over(self) -> None:
        """Drop calls that are over and not held by this desk."""
        self.calls = {k: c for k, c in self.calls.items() if not c.over or c.claimed_by_me}
