"""The database side of the call flow: call rows, caller lookup, callbacks and the pop."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from appliance.contract.pop import PopOut
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.blocklist import is_blocked
from appliance.core.calls.machine import Transition
from appliance.core.calls.pop_card import card
from appliance.core.calls.reasons import reason_words
from appliance.core.errors import InvalidInput, NotFound
from appliance.core.lookup import lookup_by_number
from appliance.core.normalize import display_phone, parse_phone
from appliance.db.models import (
    Call,
    Task,
    database_proxy,
)
from appliance.db.models.base import utcnow

ACTOR = Actor.system("call-flow")
_SET_CALLER = (
    'UPDATE "call" SET raw_cid = ?, standard = ?, number = ?, number_e164 = ?, '
    "number_national = ?, caller_name = ?, reason = ?, customer_id = COALESCE(?, customer_id), "
    "updated_at = ? WHERE id = ?"
)


class DbCallRecords:
    """CallRecords on the box's database; every method runs on the db thread."""

    def __init__(self, region: str = "JP", *, missed_callbacks: bool = True) -> None:
        self.region = region
        self.missed_callbacks = missed_callbacks

    def call_started(self, t: Transition) -> int:
        """Write the call row at its first event, so a power cut never loses a call."""
        with database_proxy.atomic():
            call = Call.create(line=t.line, started_at=_naive(t.at), state="ringing")
            audit.record(ACTOR, "call", call.id, "create", after={"line": t.line})
        return int(call.id)

    def call_identified(self, call_id: int, t: Transition) -> PopOut:
        """Store the caller ID, attach the customer when unique, and assemble the pop."""
        cid = t.caller
        assert cid is not None
        number = cid.number or ""
        e164, national, display = None, "", number or None
        if number:
            try:
                parts = parse_phone(number, self.region)
                e164, national = parts.e164, parts.national
            except InvalidInput:
                national = "".join(ch for ch in number if ch.isdigit())
        customers = lookup_by_number(number, self.region) if number else []
        blocked = bool(number) and is_blocked(number, self.region)
        with database_proxy.atomic():
            # one UPDATE of the caller-ID columns: the hot path skips reading the row back
            changed = database_proxy.execute_sql(_SET_CALLER, (
                "\n".join(cid.raw), cid.standard.value, number, e164, national, cid.name or "",
                cid.reason.value if cid.reason else None,
                int(customers[0].id) if len(customers) == 1 else None, utcnow(), call_id,
            )).rowcount  # fmt: skip
            if not changed:
                raise NotFound(f"call {call_id} is not in the database")
            # every committed change has its audit row: the desks' change stream follows them
            audit.record(ACTOR, "call", call_id, "caller_id", None,
                         {"identified": len(customers) == 1})  # fmt: skip
        if e164:
            display = display_phone(e164, self.region)
        reason = cid.reason.value if cid.reason else None
        cards = [card(_rows, c, exclude_call=call_id) for c in customers]
        return PopOut(
            call_id=call_id,
            line=t.line,
            at=t.at,
            number=number or None,
            number_display=display,
            cid_name=cid.name,
            reason=reason,
            reason_ja=reason_words(reason, "ja"),
            reason_en=reason_words(reason, "en"),
            customers=cards,
            shared=len(cards) > 1,
            blocked_number=blocked or any(c.blocked for c in customers),
        )

    def call_progress(self, call_id: int, t: Transition) -> None:
        """Answered / ended / missed on the call row; a missed call becomes a callback."""
        with database_proxy.atomic():
            call = Call.get_by_id(call_id)
            at = _naive(t.at)
            if t.kind == "answered":
                call.state, call.answered_at = "answered", at
            elif t.kind == "ended":
                call.state, call.ended_at = "ended", at
                start = call.answered_at or call.started_at
                call.duration_s = max(0.0, (at - start).total_seconds())
                call.disposition = call.disposition or (
                    "remote_hangup" if t.remote_hangup else "completed"
                )
            elif t.kind == "missed" and getattr(call, "user_id", None) is not None:
                # claimed at a desk, then the ringing stopped: picked up on an extension
                call.state, call.answered_at = "answered", call.answered_at or at
                call.disposition = "taken_at_desk"
            elif t.kind == "missed":
                call.state, call.ended_at, call.disposition = "missed", at, "missed"
                if self.missed_callbacks:
                    _missed_callback(call, t)
            call.save()
            audit.record(ACTOR, "call", call_id, t.kind, None, {"state": call.state})


def _missed_callback(call: Call, t: Transition) -> None:
    who = call.caller_name or call.number or reason_words(call.reason, "ja") or ""
    task = Task.create(
        kind="callback",
        customer=getattr(call, "customer_id", None),
        call=call.id,
        due_at=utcnow(),
        reason=f"不在着信 / missed call: {who}".strip(),
    )
    audit.record(ACTOR, "task", task.id, "create", after={"call": call.id, "kind": "callback"})


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(database_proxy.execute_sql(sql, params).fetchall())


def _naive(at: datetime) -> datetime:
    return at.replace(tzinfo=None)
