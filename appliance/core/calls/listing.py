"""The call log on the wire (db thread): one call, the filtered list, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from appliance.contract import CallOut
from appliance.core import editing
from appliance.core.normalize import display_phone
from appliance.core.settings import default_region
from appliance.db.models import Call, Customer, Desk, User

LIVE_STATES = ("ringing", "answered", "dialing")


def _query() -> Any:
    return (
        Call.select(Call, Customer, Desk, User)
        .join(Customer, peewee.JOIN.LEFT_OUTER, on=(Call.customer == Customer.id))
        .switch(Call)
        .join(Desk, peewee.JOIN.LEFT_OUTER, on=(Call.desk == Desk.id))
        .switch(Call)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Call.user == User.id))
    )


def _name(user: Any) -> str:
    return str(user.display_name or user.username)


def _out(row: Call, region: str, event: str | None = None) -> CallOut:
    c: Any = row
    cid, did, uid = (editing.fk_id(c, f) for f in ("customer", "desk", "user"))
    return CallOut(
        id=c.id,
        line=c.line,
        direction=c.direction,
        state=c.state,
        started_at=c.started_at,
        answered_at=c.answered_at,
        ended_at=c.ended_at,
        duration_s=c.duration_s,
        number=c.number,
        number_e164=c.number_e164,
        caller_name=c.caller_name,
        reason=c.reason,
        number_display=display_phone(c.number_e164, region) if c.number_e164 else None,
        customer_id=cid,
        customer_name=c.customer.display_name if cid is not None else None,
        desk_id=did,
        desk_name=c.desk.name if did is not None else None,
        user_id=uid,
        user_name=_name(c.user) if uid is not None else None,
        disposition=c.disposition,
        missed=c.state == "missed",
        event=event,
    )


def call_out(call_id: int, event: str | None = None) -> CallOut:
    """One call on the wire; NotFound when there is no such call."""
    row = _query().where(Call.id == call_id).first()
    if row is None:
        editing.get_row(Call, call_id)
    return _out(row, default_region(), event)


def list_calls(
    *,
    missed: bool | None = None,
    line: str | None = None,
    desk_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    customer_id: int | None = None,
    live: bool = False,
    limit: int = 100,
) -> list[CallOut]:
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
