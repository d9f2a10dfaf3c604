"""Wire models of calls: the log line, ring events, claim, hand-off and attach."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.fields import Id, UtcTime
from appliance.contract.pop import PopOut

__all__ = ["ActiveCallOut", "AttachIn", "CallOut", "ClaimRefusedOut", "HandoffIn", "RingOut"]


class CallOut(BaseModel):
    """A call as the log and the `call` event show it; desk/user are who has (claimed) it."""

    id: int
    line: str
    direction: str
    state: str  # ringing | answered | missed | ended | dialing
    started_at: UtcTime
    answered_at: UtcTime | None = None
    ended_at: UtcTime | None = None
    duration_s: float | None = None
    number: str = ""
    number_e164: str | None = None
    number_display: str | None = None  # 03-1234-5678 at home, +1 415-555-0142 from abroad
    caller_name: str = ""
    reason: str | None = None  # P/C/O/S/E when no number was sent
    customer_id: int | None = None
    customer_name: str | None = None
    desk_id: int | None = None
    desk_name: str | None = None
    user_id: int | None = None
    user_name: str | None = None
    disposition: str = ""
    missed: bool = False
    event: str | None = None  # on `call` events: claimed | handed_off | attached | ...


class ActiveCallOut(CallOut):
    """A call ringing or in progress with its current screen pop (when the box has one)."""

    pop: PopOut | None = None


class RingOut(BaseModel):
    """A ring on a line (data of `ring` events)."""

    call_id: int
    line: str
    count: int
    at: UtcTime


class ClaimRefusedOut(BaseModel):
    """409 on a claim: who has the call."""

    detail: str
    desk_id: int | None = None
    desk_name: str | None = None
    user_name: str | None = None


class HandoffIn(BaseModel):
    """Hand a call's card to another desk."""

    desk_id: Id


class AttachIn(BaseModel):
    """Attach the call's (unknown) number to a customer, adding it to their phones."""

    customer_id: Id
    label: str = Field(default="", max_length=64)
