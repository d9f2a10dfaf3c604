"""Call log and desk actions on calls (db thread): list, claim (one desk wins), hand-off, attach."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from appliance.contract import CallOut
from appliance.core import audit, call_log, contacts, editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.normalize import display_phone, phone_lookup_keys
from appliance.core.settings import default_region
from appliance.db.models import Call, Customer, Desk, Phone, User, database_proxy

LIVE_STATES = ("ringing", "answered", "dialing")


class ClaimRefused(Conflict):
    """Another desk (or user) has the call."""

    def __init__(self, call_id: int, desk_id: int | None, desk: str | None, user: str | None):
        self.desk_id, self.desk_name, self.user_name = desk_id, desk, user
        who = " / ".join(x for x in (desk, user) if x) or "?"
        super().__init__(f"{who} が対応中です / call #{call_id} is already taken by {who}")


def _query() -> Any:
    return (
        Call.select(Call, Customer, Desk, User)
        .join(Customer, peewee.JOIN.LEFT_OUTER, on=(Call.customer == Customer.id))
        .switch(Call).join(Desk, peewee.JOIN.LEFT_OUTER, on=(Call.desk == Desk.id))
        .switch(Call).join(User, peewee.JOIN.LEFT_OUTER, on=(Call.user == User.id))
    )  # fmt: skip


def _name(user: Any) -> str:
    return str(user.display_name or user.username)


def _out(row: Call, region: str, event: str | None = None) -> CallOut:
    c: Any = row
    cid, did, uid = (editing.fk_id(c, f) for f in ("customer", "desk", "user"))
    return CallOut(
        id=c.id, line=c.line, direction=c.direction, state=c.state, started_at=c.started_at,
        answered_at=c.answered_at, ended_at=c.ended_at, duration_s=c.duration_s,
        number=c.number, number_e164=c.number_e164, caller_name=c.caller_name, reason=c.reason,
        number_display=display_phone(c.number_e164, region) if c.number_e164 else None,
        customer_id=cid, customer_name=c.customer.display_name if cid is not None else None,
        desk_id=did, desk_name=c.desk.name if did is not None else None,
        user_id=uid, user_name=_name(c.user) if uid is not None else None,
        disposition=c.disposition, missed=c.state == "missed", event=event,
    )  # fmt: skip


def call_out(call_id: int, event: str | None = None) -> CallOut:
    """One call on the wire; NotFound when there is no such call."""
    row = _query().where(Call.id == call_id).first()
    if row is None:
        editing.get_row(Call, call_id)
    return _out(row, default_region(), event)


def list_calls(
    *, missed: bool | None = None, line: str | None = None, desk_id: int | None = None,
    since: dt.datetime | None = None, until: dt.datetime | None = None,
    customer_id: int | None = None, live: bool = False, limit: int = 100,
) -> list[CallOut]:  # fmt: skip
    """The call log, newest first, filtered."""
    query = _query()
    if missed is not None:
        query = query.where((Call.state == "missed") if missed else (Call.state != "missed"))
    if line is not None:
        query = query.where(Call.line == line)
    if desk_id is not None:
        query = query.where(Call.desk == desk_id)
    if customer_id is not None:
        query = query.where(Call.customer == customer_id)
    if since is not None:
        query = query.where(Call.started_at >= since)
    if until is not None:
        query = query.where(Call.started_at < until)
    if live:
        query = query.where(Call.state.in_(LIVE_STATES))
    region = default_region()
    rows = query.order_by(Call.started_at.desc(), Call.id.desc()).limit(limit)
    return [_out(c, region) for c in rows]


def _holder(call_id: int) -> ClaimRefused:
    now = call_out(call_id)
    return ClaimRefused(call_id, now.desk_id, now.desk_name, now.user_name)


def claim(actor: Actor, call_id: int) -> CallOut:
    """actor takes the call: one conditional UPDATE, so of two desks exactly one wins."""
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
        audit.record(actor, "call", call_id, "claim", None,
                     {"desk": actor.desk_id, "user": actor.user_id})  # fmt: skip
    return call_out(call_id, "claimed")


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
        audit.record(actor, "call", call_id, "handoff",
                     {"desk": holder[0], "user": holder[1]}, {"desk": desk_id})  # fmt: skip
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
        if not known:
            contacts.add_phone(actor, customer_id, number, label=label)
        call_log.set_customer(actor, call_id, customer_id)
    return call_out(call_id, "attached")
