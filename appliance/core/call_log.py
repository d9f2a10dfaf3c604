"""Call rows outside the line state machine: claim, pick the customer, disposition, outgoing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.normalize import parse_phone
from appliance.core.settings import default_region
from appliance.core.text import clean
from appliance.db.models import Call, Customer, utcnow

DISPOSITIONS = (
    "completed",
    "order",
    "inquiry",
    "complaint",
    "wrong_number",
    "sales",
    "missed",
    "remote_hangup",
    "voicemail",
    "other",
)


def _change(actor: Actor, call: Call, **changes: Any) -> Call:
    before = {k: audit.row_to_dict(call)[k] for k in changes}
    Call.update({Call._meta.fields[k]: v for k, v in changes.items()}).where(
        Call.id == call.id
    ).execute()
    after = editing.get_row(Call, int(call.id))
    audit.record(
        actor,
        "call",
        int(call.id),
        "update",
        before,
        {k: audit.row_to_dict(after)[k] for k in changes},
    )
    return after


def create_call(
    actor: Actor,
    line: str,
    *,
    number: str = "",
    direction: str = "in",
    started_at: dt.datetime | None = None,
    raw_cid: str = "",
    standard: str = "",
    caller_name: str = "",
    reason: str | None = None,
    customer_id: int | None = None,
) -> Call:
    """A call row written at once (the line machine uses its own; this serves outgoing calls)."""
    if direction not in ("in", "out"):
        raise InvalidInput("方向は in か out です / direction must be in or out")
    e164, national = None, ""
    if number:
        try:
            parts = parse_phone(number, default_region())
            e164, national = parts.e164, parts.national
        except InvalidInput:
            national = "".join(ch for ch in number if ch.isdigit())  # kept raw, never refused
    if customer_id is not None:
        editing.get_row(Customer, customer_id)
    return editing.create(
        actor,
        Call,
        line=clean(line),
        direction=direction,
        started_at=started_at or utcnow(),
        raw_cid=raw_cid,
        standard=standard,
        number=number,
        number_e164=e164,
        number_national=national,
        caller_name=clean(caller_name),
        reason=reason,
        customer=customer_id,
        user=actor.user_id,
        desk=actor.desk_id,
        state="dialing" if direction == "out" else "ringing",
    )


def claim_call(actor: Actor, call_id: int) -> Call:
    """actor takes the call ("I'll take it"); Conflict if another desk already did."""
    with Call._meta.database.atomic():
        call = editing.get_row(Call, call_id)
        taken_by = editing.fk_id(call, "user"), editing.fk_id(call, "desk")
        if taken_by not in ((None, None), (actor.user_id, actor.desk_id)):
            raise Conflict(f"他の端末が対応中です / call #{call_id} is already taken")
        return _change(actor, call, user=actor.user_id, desk=actor.desk_id)


def set_customer(actor: Actor, call_id: int, customer_id: int | None) -> Call:
    """Attach the call to the customer picked from a shared number's list (or detach)."""
    with Call._meta.database.atomic():
        if customer_id is not None:
            editing.get_row(Customer, customer_id)
        return _change(actor, editing.get_row(Call, call_id), customer=customer_id)


def set_disposition(actor: Actor, call_id: int, disposition: str) -> Call:
    """What the call was (order, inquiry, complaint, ...)."""
    if disposition not in DISPOSITIONS:
        raise InvalidInput(f"分類が不正です / disposition must be one of {DISPOSITIONS}")
    with Call._meta.database.atomic():
        return _change(actor, editing.get_row(Call, call_id), disposition=disposition)


def attach_recording(actor: Actor, call_id: int, recording_ref: str) -> Call:
    """Point the call at its encrypted recording."""
    with Call._meta.database.atomic():
        return _change(actor, editing.get_row(Call, call_id), recording_ref=recording_ref)
