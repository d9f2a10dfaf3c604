"""Calls no line follows any more (a crash, a restart, a lost event) are closed (db thread):
never ringing or in progress forever."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from peewee import SQL

from appliance.contract import CallOut
from appliance.core import audit
from appliance.core.calls import callbacks, progress
from appliance.core.calls.listing import call_out
from appliance.db.migrations.m0008_live_call_index import LIVE
from appliance.db.models import Call, database_proxy
from appliance.db.models.base import utcnow

ACTOR = progress.ACTOR
# a stale ringing call older than this makes no callback (a box down for a day would
# otherwise fill the board with calls nobody can place any more)
CALLBACK_WITHIN = timedelta(hours=2)


def stale_calls(cutoff: datetime) -> Any:
    """Calls ringing or in progress untouched since `cutoff`; the literal state list is the
    partial index's own (m0008), so SQLite reads that index, not the call log."""
    return Call.select(Call.id).where(SQL(LIVE) & (Call.updated_at < cutoff))


def close_stale(followed: Collection[int], cutoff: datetime, language: str = "ja") -> list[CallOut]:
    """Close every ringing / in-progress call that no line follows (`followed`: the ids the
    router has) and that nothing touched since `cutoff` (naive UTC). Ringing and claimed by a
    desk, in progress, or our own outgoing call: ended, length unknown. Ringing, unclaimed:
    missed, folding into its number's callback when recent. Returns the calls as closed."""
    ids = sorted(int(c.id) for c in stale_calls(cutoff) if int(c.id) not in followed)
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
