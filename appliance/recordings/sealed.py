"""Recordings made while the box is locked: their key and link go into the sealed inbox."""

from __future__ import annotations

import datetime as dt
import json

from appliance.recordings import rows
from appliance.vault.inbox_format import InboxRecord

KIND = "recording"


def payload(
    uid: str, file: str, file_key: bytes, *, line: str, started_at: dt.datetime, kind: str
) -> bytes:
    """The inbox record of a recording started while locked (sealed to the inbox key)."""
    doc = {
        "uid": uid,
        "file": file,
        "key": file_key.hex(),
        "line": line,
        "kind": kind,
        "started_at": rows.naive_utc(started_at).isoformat(),
    }
    return json.dumps(doc).encode()


def apply_recording(record: InboxRecord) -> None:
    """At unlock: store the key in the database and link the recording to its call (the call
    record came earlier in the same inbox, so its row exists). Runs in the merge transaction."""
    doc = json.loads(record.payload)
    if rows.by_uid(doc["uid"]) is not None:
        return
    started = dt.datetime.fromisoformat(doc["started_at"])
    call_id = rows.call_for(doc["line"], started) if doc["line"] else None
    rows.create_row(
        doc["uid"],
        doc["file"],
        bytes.fromhex(doc["key"]),
        call_id=call_id,
        kind=doc["kind"],
        line=doc["line"],
        started_at=started,
        sealed=True,
    )
    if doc["kind"] == "voicemail":  # recorded while locked: onto the callback board now
        from appliance.core.actor import Actor
        from appliance.recordings.voicemail import post_callback

        post_callback(Actor.system("voicemail"), doc["uid"])
