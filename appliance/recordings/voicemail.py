"""Voicemail: the message a caller leaves when the modem auto-answers, recorded like a call
and put on the callback board with the caller's card."""

from __future__ import annotations

import datetime as dt

from appliance.core.actor import Actor
from appliance.core.call_log import set_disposition
from appliance.core.editing import fk_id
from appliance.core.tasks import create_task
from appliance.db.models import Call, Task
from appliance.recordings import rows
from appliance.recordings.sink import RecordingSink, SinkResult
from appliance.recordings.store import RecordingStore

KIND = "voicemail"


def reason_text(seconds: float | None) -> str:
    """The callback's reason as the board shows it."""
    if seconds is None:
        return "留守番電話のメッセージ / voicemail message"
    return f"留守番電話のメッセージ ({seconds:.0f} 秒) / voicemail message ({seconds:.0f} s)"


def post_callback(actor: Actor, uid: str, seconds: float | None = None) -> Task | None:
    """The callback task for a voicemail (the call marked "voicemail"); db thread. None when
    the recording has no call row (nothing to call back)."""
    row = rows.by_uid(uid)
    call_id = fk_id(row, "call") if row is not None else None
    if call_id is None:
        return None
    call = Call.get_by_id(call_id)
    set_disposition(actor, call_id, "voicemail")
    return create_task(
        actor,
        reason_text(seconds),
        kind="callback",
        customer_id=fk_id(call, "customer"),
        call_id=call_id,
    )


class Voicemail:
    """A voicemail being recorded: write() the caller's audio after the greeting, then close()."""

    def __init__(
        self,
        rstore: RecordingStore,
        call_id: int | None = None,
        *,
        line: str = "",
        started_at: dt.datetime | None = None,
    ) -> None:
        self.rstore = rstore
        self.sink: RecordingSink = rstore.open(call_id, line=line, started_at=started_at, kind=KIND)
        self.task_id: int | None = None

    def write(self, pcm16_8k: bytes) -> None:
        """The caller's audio (PCM16 mono 8 kHz)."""
        self.sink.write(pcm16_8k)

    def close(self) -> SinkResult:
        """End the message; while unlocked the callback appears at once, else at unlock."""
        result = self.sink.close()
        store = self.rstore.box.store
        if store is not None and not self.rstore.box.locked:
            task = store.executor.call(
                post_callback, Actor.system("voicemail"), result.uid, result.seconds
            )
            self.task_id = int(task.id) if task is not None else None
        return result
