"""A call's answered / missed / ended on its row: one read (with who has the call), one update,
and the call as desks see it built from those, with no read after the write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from appliance.contract.calls import CallOut
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.calls import callbacks
from appliance.core.calls.machine import Transition
from appliance.core.clock import as_stored
from appliance.core.errors import NotFound
from appliance.db.models import database_proxy
from appliance.db.models.base import utcnow

ACTOR = Actor.system("call-flow")
_WHO = "COALESCE(NULLIF(u.display_name, ''), u.username)"
_READ = (
    "SELECT c.line, c.direction, c.state, c.started_at, c.answered_at, c.ended_at, "
    "c.duration_s, c.number, c.number_e164, c.caller_name, c.reason, c.customer_id, "
    f"cu.display_name, c.desk_id, d.name, c.user_id, {_WHO}, c.disposition "
    'FROM "call" AS c LEFT JOIN "customer" AS cu ON c.customer_id = cu.id '
    'LEFT JOIN "desk" AS d ON c.desk_id = d.id LEFT JOIN "user" AS u ON c.user_id = u.id '
    "WHERE c.id = ?"
)
_WRITE = (
    'UPDATE "call" SET state = ?, answered_at = ?, ended_at = ?, duration_s = ?, '
    "disposition = ?, updated_at = ? WHERE id = ?"
)


@dataclass
class _Row:
    line: str
    direction: str
    state: str
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    duration_s: float | None
    number: str
    number_e164: str | None
    caller_name: str
    reason: str | None
    customer_id: int | None
    customer_name: str | None
    desk_id: int | None
    desk_name: str | None
    user_id: int | None
    user_name: str | None
    disposition: str


# how a call's end is known: the line said so, or a desk did (a duration); otherwise it is
# only known to be over by then (no duration)
TIMED_ENDS = ("hangup", "desk", "")


def call_progress(
    call_id: int,
    t: Transition,
    number_display: str | None,
    *,
    missed_callbacks: bool = True,
    language: str = "ja",
) -> CallOut:
    """Answered / ended / missed on call `call_id` (db thread, inside a transaction); a missed
    call folds into its number's callback, an answered one closes it. Returns the call as
    stored, `event` set to the transition. A call already over is left as it is."""
    row = read(call_id)
    reopened = t.kind == "answered" and t.late and _judged_unanswered(row)
    if row.state in ("ended", "missed") and not reopened:
        return _out(call_id, row, number_display, t.kind)
    at = as_stored(t.at)
    if reopened:
        # the gateway told the pickup at hang-up: not missed after all, and the callback its
        # ringing made is served by this very call
        row.state, row.answered_at, row.ended_at = "answered", at, None
        row.duration_s, row.disposition = None, ""
        callbacks.close_served(row.number, row.number_e164, call_id)
    elif t.kind == "answered":
        row.state, row.answered_at = "answered", at
        callbacks.close_served(row.number, row.number_e164, call_id)
    elif t.kind == "ended":
        end_call(row, at, t.why, remote=t.remote_hangup)
    elif t.kind == "missed" and (row.user_id is not None or row.desk_id is not None):
        # claimed at a desk, then the ringing stopped: picked up on an extension
        row.state, row.answered_at = "answered", row.answered_at or at
        row.disposition = "taken_at_desk"
        callbacks.close_served(row.number, row.number_e164, call_id)
    elif t.kind == "missed" and row.direction == "out":
        # our own call that nobody answered: nobody missed us, no callback
        row.state, row.ended_at, row.disposition = "ended", at, "no_answer"
    elif t.kind == "missed" and t.assumed_answered:
        # the line cannot report a pickup and its rule says a phone took it: over, length
        # unknown, nobody to call back
        row.state, row.answered_at, row.ended_at = "ended", at, at
        row.disposition = "answered_elsewhere"
    elif t.kind == "missed":
        row.state, row.ended_at, row.disposition = "missed", at, "missed"
        if missed_callbacks:
            missed = callbacks.MissedCall(
                call_id,
                row.number,
                row.number_e164,
                number_display,
                row.caller_name,
                row.customer_id,
                at,
            )
            callbacks.fold_missed(missed, language)
    write(call_id, row)
    audit.record(ACTOR, "call", call_id, t.kind, None, {"state": row.state})
    return _out(call_id, row, number_display, t.kind)


def _judged_unanswered(row: _Row) -> bool:
    return row.state == "missed" or (
        row.state == "ended" and row.disposition == "answered_elsewhere"
    )


def end_call(row: _Row, at: datetime, why: str, *, remote: bool = False) -> None:
    """`row` ended at `at`: its length when the end is known (hang-up, a desk's end key),
    none when it is only known to be over (a new call on the line, a timeout, a restart)."""
    row.state, row.ended_at = "ended", at
    start = row.answered_at or row.started_at
    timed = why in TIMED_ENDS
    row.duration_s = max(0.0, (at - start).total_seconds()) if timed else None
    if why in ("", "hangup"):
        row.disposition = row.disposition or ("remote_hangup" if remote else "completed")
    elif why == "desk":
        row.disposition = row.disposition or "ended_at_desk"
    else:
        row.disposition = row.disposition or why


def read(call_id: int) -> _Row:
    """The call's row as progress sees it; NotFound when there is none."""
    found = database_proxy.execute_sql(_READ, (call_id,)).fetchone()
    if found is None:
        raise NotFound(f"call {call_id} is not in the database")
    return _row(found)


def write(call_id: int, row: _Row) -> None:
    """Store the progress columns of `row`."""
    database_proxy.execute_sql(
        _WRITE,
        (
            row.state,
            row.answered_at,
            row.ended_at,
            row.duration_s,
            row.disposition,
            utcnow(),
            call_id,
        ),
    )


def _out(call_id: int, row: _Row, number_display: str | None, event: str) -> CallOut:
    return CallOut(
        id=call_id,
        line=row.line,
        direction=row.direction,
        state=row.state,
        started_at=row.started_at,
        answered_at=row.answered_at,
        ended_at=row.ended_at,
        duration_s=row.duration_s,
        number=row.number,
        number_e164=row.number_e164,
        number_display=number_display,
        caller_name=row.caller_name,
        reason=row.reason,
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        desk_id=row.desk_id,
        desk_name=row.desk_name,
        user_id=row.user_id,
        user_name=row.user_name,
        disposition=row.disposition,
        missed=row.state == "missed",
        event=event,
    )


def _row(found: tuple[Any, ...]) -> _Row:
    (
        line,
        direction,
        state,
        started,
        answered,
        ended,
        duration,
        number,
        e164,
        caller_name,
        reason,
        customer_id,
        customer_name,
        desk_id,
        desk_name,
        user_id,
        user_name,
        disposition,
    ) = found
    return _Row(
        str(line),
        str(direction),
        str(state),
        _at(started),
        _at_or_none(answered),
        _at_or_none(ended),
        None if duration is None else float(duration),
        str(number or ""),
        e164,
        str(caller_name or ""),
        reason,
        customer_id,
        None if customer_id is None else customer_name,
        desk_id,
        None if desk_id is None else desk_name,
        user_id,
        None if user_id is None else user_name,
        str(disposition or ""),
    )


def _at(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _at_or_none(value: Any) -> datetime | None:
    return None if value is None else _at(value)
