"""What desks do with a call (db thread): claim (one desk wins), hand off, attach a number."""

from __future__ import annotations

from appliance.contract import CallOut
from appliance.core import audit, call_log, contacts, editing
from appliance.core.actor import Actor
from appliance.core.calls import progress
from appliance.core.calls.listing import call_out
from appliance.core.clock import utcnow
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.normalize import phone_lookup_keys
from appliance.core.settings import default_region
from appliance.db.models import Call, Customer, Desk, Phone, database_proxy


class ClaimRefused(Conflict):
    """Another desk (or user) has the call."""

    def __init__(self, call_id: int, desk_id: int | None, desk: str | None, user: str | None):
        self.desk_id, self.desk_name, self.user_name = desk_id, desk, user
        who = " / ".join(x for x in (desk, user) if x) or "?"
        super().__init__(f"{who} が対応中です / call #{call_id} is already taken by {who}")


def _holder(call_id: int) -> ClaimRefused:
    now = call_out(call_id)
    return ClaimRefused(call_id, now.desk_id, now.desk_name, now.user_name)


def claim(actor: Actor, call_id: int) -> CallOut:
    """actor takes the call: one conditional UPDATE, so of two desks exactly one wins; a
    ringing call taken is answered now (its length counts from here)."""
    editing.get_row(Call, call_id)
    free = Call.desk.is_null() & Call.user.is_null()
    mine = (Call.desk == actor.desk_id) if actor.desk_id is not None else Call.desk.is_null()
    mine = mine & (Call.user.is_null() | (Call.user == actor.user_id))
    with database_proxy.atomic():
        won = (
            Call.update(desk=actor.desk_id, user=actor.user_id)
            .where((Call.id == call_id) & (free | mine))
            .execute()
        )
        if won != 1:
            raise _holder(call_id)
        # claiming a ringing call is picking it up: its answer time, until the line reports one
        Call.update(answered_at=utcnow()).where(
            (Call.id == call_id) & (Call.state == "ringing") & Call.answered_at.is_null()
        ).execute()
        audit.record(
            actor, "call", call_id, "claim", None, {"desk": actor.desk_id, "user": actor.user_id}
        )
    return call_out(call_id, "claimed")


def end(actor: Actor, call_id: int) -> CallOut:
    """The desk's end-of-call key: the call is over now, its length from the pickup (or the
    first ring); a call already over is left as it is."""
    row = progress.read(call_id)
    if row.state in ("ended", "missed"):
        return call_out(call_id, "ended")
    with database_proxy.atomic():
        progress.end_call(row, utcnow(), "desk")
        progress.write(call_id, row)
        audit.record(actor, "call", call_id, "end", None, {"duration_s": row.duration_s})
    return call_out(call_id, "ended")


def handoff(actor: Actor, call_id: int, desk_id: int) -> CallOut:
    """Give the call's card to another desk (whose operator then claims it)."""
    call = editing.get_row(Call, call_id)
    target = editing.get_row(Desk, desk_id)
    if target.revoked_at is not None:
        raise InvalidInput(f"取り消された端末です / desk #{desk_id} is revoked")
    holder = editing.fk_id(call, "desk"), editing.fk_id(call, "user")
    if holder not in ((None, None), (actor.desk_id, actor.user_id), (actor.desk_id, None)):
        raise _holder(call_id)
    with database_proxy.atomic():
        Call.update(desk=desk_id, user=None).where(Call.id == call_id).execute()
        audit.record(
            actor,
            "call",
            call_id,
            "handoff",
            {"desk": holder[0], "user": holder[1]},
            {"desk": desk_id},
        )
    return call_out(call_id, "handed_off")


def attach(actor: Actor, call_id: int, customer_id: int, label: str = "") -> CallOut:
    """Add the call's number to the customer's phones (unless there) and link the call."""
    call = editing.get_row(Call, call_id)
    editing.get_row(Customer, customer_id)
    number = str(call.number_e164 or call.number or "")
    if not number:
        raise InvalidInput("番号のない着信です / the call has no number to attach")
    region = default_region()
    try:
        keys = phone_lookup_keys(number, region)
    except InvalidInput:
        keys = []
    with database_proxy.atomic():
        same = Phone.e164.in_(keys) | Phone.national.in_(keys)
        known = keys and Phone.live().where((Phone.customer == customer_id) & same).exists()
        call_log.set_customer(actor, call_id, customer_id)  # first: the phone brings the rest
        if not known:
            contacts.add_phone(actor, customer_id, number, label=label)
    return call_out(call_id, "attached")
