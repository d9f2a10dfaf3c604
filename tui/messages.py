"""Messages workers post back to the app and its screens."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from appliance.contract import CallOut, CustomerCard, LoginOut, OrderOut, PopOut, TaskOut
from tui.client.errors import DeskError
from tui.client.event_socket import LinkState


class LinkChanged(Message):
    """The event stream went up or down."""

    def __init__(self, link: LinkState) -> None:
        super().__init__()
        self.link = link


class PopArrived(Message):
    """A screen pop for a call."""

    def __init__(self, pop: PopOut) -> None:
        super().__init__()
        self.pop = pop


class Rang(Message):
    """Another ring on a line."""

    def __init__(self, call_id: int, line: str, count: int) -> None:
        super().__init__()
        self.call_id, self.line, self.count = call_id, line, count


class CallChanged(Message):
    """A call changed state (answered, claimed, missed, ended...)."""

    def __init__(self, call: CallOut) -> None:
        super().__init__()
        self.call = call


class CustomerChanged(Message):
    """A customer changed on the box; screens showing it reload."""

    def __init__(self, customer_id: int, version: int | None) -> None:
        super().__init__()
        self.customer_id, self.version = customer_id, version


class OrderChanged(Message):
    """An order was placed or moved on the board (the whole order, as the box has it)."""

    def __init__(self, order: OrderOut) -> None:
        super().__init__()
        self.order = order


class PrintChanged(Message):
    """A print job was queued, printed or failed on the box; printing screens reload."""


class CallbackDue(Message):
    """A callback is due (the box said so)."""

    def __init__(self, task: TaskOut) -> None:
        super().__init__()
        self.task = task


class BoxStatus(Message):
    """Box health: locked, lines, warnings."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data


class Resynced(Message):
    """The box lost our place in its event buffer: reload what is shown."""


class LoggedIn(Message):
    """A user is logged in on this desk."""

    def __init__(self, user: LoginOut) -> None:
        super().__init__()
        self.user = user


class NeedLogin(Message):
    """No valid session: show the login screen."""


class CardLoaded(Message):
    """A customer card arrived."""

    def __init__(self, card: CustomerCard) -> None:
        super().__init__()
        self.card = card


class Failed(Message):
    """An API call failed; the error's message is shown as is."""

    def __init__(self, error: DeskError, what: str = "") -> None:
        super().__init__()
        self.error, self.what = error, what
