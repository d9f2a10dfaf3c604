"""Calls no line follows any more (a crash, a restart, a lost event) are closed (db thread):
never ringing or in progress forever."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from appliance.contract import CallOut
from appliance.core import audit
from appliance.core.calls import callbacks, progress
from appliance.core.calls.listing import LIVE_STATES, call_out
from appliance.db.models import Call, database_proxy
from appliance.db.models.base import utcnow

ACTOR = progress.ACTOR
# a stale ringing call older than this makes no callback (a box down for a day would
# otherwise fill the board with calls nobody can place any more)
CALLBACK_WITHIN = timedelta(hours=2)


def close_stale(followed: Collection[int], cutoff: datetime, language: str = "ja") -> list[CallOut]:
    """Close every ringing / in-progress call that no line follows (`followed`: the ids the
    router has) and that nothing touched since `cutoff` (naive UTC). Ringing and claimed by a
    desk, in progress, or our own outgoing call: ended, length unknown. Ringing, unclaimed:
    missed, folding into its number's callback when recent. Returns the calls as closed."""
    stale = (
        Call.select(Call.id)
        .where(Call.state.in_(LIVE_STATES) & (Call.updated_at < cutoff))
        .order_by(Call.id)
    )
    ids = [int(c.id) for c in stale if int(c.id) not in followed]
    now = utcnow()
    closed = []
    for call_id in ids:
        with database_proxy.atomic():
            row = progress.read(call_id)
            claimed = row.user_id is not None or row.desk_id is not None
            if row.state == "ringing" and not claimed and row.direction != "out":
                row.state, row.ended_at, row.disposition = "missed", now, "interrupted"
                if row.started_at >= now - CALLBACK_WITHIN:
                    missed = callbacks.MissedCall(
                        call_id,
                        row.number,
                        row.number_e164,
                        None,
                        row.caller_name,
                        row.customer_id,
                        now,
                    )
                    callbacks.fold_missed(missed, language)
            else:
                progress.end_call(row, now, "interrupted")
            progress.write(call_id, row)
            audit.record(ACTOR, "call", call_id, "interrupted", None, {"state": row.state})
        closed.append(call_out(call_id, "interrupted"))
    return closed
