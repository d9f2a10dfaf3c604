"""What a merged inbox record does: handlers by kind; "call" writes a call row (pluggable)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from appliance.vault.errors import InboxDamagedError
from appliance.vault.inbox_format import InboxRecord

Handler = Callable[[InboxRecord], None]
CALL = "call"
RECORDING = "recording"  # handled by appliance.recordings.sealed
_HANDLERS: dict[str, Handler] = {}


def register_handler(kind: str, handler: Handler) -> None:
    """Route records of kind to handler (e.g. the call state machine replaying line events)."""
    _HANDLERS[kind] = handler


def call_payload(
    line: str,
    *,
    number: str = "",
    started_at: dt.datetime | None = None,
    raw_cid: str = "",
    standard: str = "",
    caller_name: str = "",
    reason: str | None = None,
) -> bytes:
    """Payload of a "call" record for a call that came in while locked."""
    doc: dict[str, Any] = {
        "line": line,
        "number": number,
        "raw_cid": raw_cid,
        "standard": standard,
        "caller_name": caller_name,
        "reason": reason,
        "started_at": (started_at or dt.datetime.now(dt.UTC)).isoformat(),
    }
    return json.dumps(doc, ensure_ascii=False).encode()


def apply_call(record: InboxRecord) -> None:
    """Write the call row, linked to the customer when the number names exactly one."""
    from appliance.core.actor import Actor
    from appliance.core.call_log import create_call
    from appliance.core.lookup import lookup_by_number

    doc = json.loads(record.payload)
    started = dt.datetime.fromisoformat(doc["started_at"]).astimezone(dt.UTC).replace(tzinfo=None)
    matches = lookup_by_number(doc["number"]) if doc.get("number") else []
    create_call(
        Actor.system(),
        doc["line"],
        number=doc.get("number", ""),
        started_at=started,
        raw_cid=doc.get("raw_cid", ""),
        standard=doc.get("standard", ""),
        caller_name=doc.get("caller_name", ""),
        reason=doc.get("reason"),
        customer_id=int(matches[0].id) if len(matches) == 1 else None,
    )


def apply_record(record: InboxRecord) -> None:
    """Dispatch one record to its handler; an unknown kind stops the merge, losing nothing."""
    handler = _HANDLERS.get(record.kind) or (apply_call if record.kind == CALL else None)
    if handler is None and record.kind == RECORDING:
        from appliance.recordings.sealed import apply_recording

        handler = apply_recording
    if handler is None:
        raise InboxDamagedError(
            f"受信箱の記録 {record.seq} の種類 {record.kind!r} を処理できません / no handler for "
            f"inbox record {record.seq} of kind {record.kind!r}; it stays in the inbox"
        )
    handler(record)
