"""Playback with seek and live following, WAV export for managers (audited), voicemail."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
import wave
from pathlib import Path

import pytest

from appliance.core.actor import Actor
from appliance.core.users import actor_for, create_user
from appliance.db.models import AuditLog, Call, Task
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.errors import NotAllowedError, RecordingError
from appliance.recordings.playback import export_wav, open_playback, wav_stream
from appliance.recordings.store import RecordingStore
from appliance.recordings.voicemail import Voicemail
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession
from tests.appliance.recordings.audio import peak_hz, tone, voice
from tests.appliance.recordings.conftest import ACTOR, customer_call


def _people(store: Store) -> tuple[Actor, Actor]:
    def make() -> tuple[Actor, Actor]:
        manager = create_user(ACTOR, "tanaka", role="manager", display_name="田中 店長")
        operator = create_user(ACTOR, "suzuki", role="operator")
        return actor_for(manager, None), actor_for(operator, None)

    return store.executor.call(make)


def _recorded(store: Store, rstore: RecordingStore, pcm: bytes) -> int:
    _, call_id = customer_call(store)
    sink = rstore.open(call_id)
    sink.write(pcm)
    sink.close()
    row = store.executor.call(rows.by_uid, sink.uid)
    assert row is not None
    return int(row.id)


def _audit(store: Store, action: str) -> list[AuditLog]:
    return store.executor.call(lambda: list(AuditLog.select().where(AuditLog.action == action)))


def test_manager_exports_a_wav_operator_is_refused(
    store: Store, rstore: RecordingStore, tmp_path: Path
) -> None:
    manager, operator = _people(store)
    rid = _recorded(store, rstore, tone(2.0, 600.0))
    (tmp_path / "out").mkdir()
    out = export_wav(rstore, manager, rid, tmp_path / "out" / "call.wav")
    with wave.open(str(out)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        frames = w.readframes(w.getnframes())
        assert w.getnframes() == 16000
    assert abs(peak_hz(frames[4000:-4000]) - 600.0) < 5
    assert [a.actor_name for a in _audit(store, "export")] == ["田中 店長"]
    with pytest.raises(NotAllowedError, match="manager"):
        wav_stream(rstore, operator, rid)
    assert len(_audit(store, "export_refused")) == 1
    with pytest.raises(RecordingError, match="outside"):
        export_wav(rstore, manager, rid, rstore.root / "plain.wav")
    assert not (rstore.root / "plain.wav").exists()


def test_playback_seeks_and_follows_a_live_recording(store: Store, rstore: RecordingStore) -> None:
    manager, _ = _people(store)
    rid = _recorded(store, rstore, tone(1.0, 400.0) + tone(1.0, 1000.0))
    play = open_playback(rstore, manager, rid)
    assert play.seconds == 2.0 and not play.live
    tail = b"".join(play.pcm(1.25))
    assert len(tail) == 6000 * 2 and abs(peak_hz(tail) - 1000.0) < 10
    assert _audit(store, "play")

    _, call_id = customer_call(store, "Grace Lee", "+1 212 555 0100")
    sink = rstore.open(call_id)
    live_row = store.executor.call(rows.by_uid, sink.uid)
    assert live_row is not None
    pcm = voice(1.5)

    def talk() -> None:
        for i in range(0, len(pcm), 1600):
            sink.write(pcm[i : i + 1600])
            time.sleep(0.01)
        sink.close()

    live = open_playback(rstore, manager, int(live_row.id))
    assert live.live
    speaker = threading.Thread(target=talk)
    speaker.start()
    heard = b"".join(live.pcm())
    speaker.join()
    assert len(heard) == len(pcm)


def test_voicemail_lands_on_the_callback_board(store: Store, rstore: RecordingStore) -> None:
    customer_id, call_id = customer_call(store)
    message = Voicemail(rstore, call_id)
    message.write(voice(7.0))
    result = message.close()
    task = store.executor.call(Task.get_by_id, message.task_id)
    assert task.kind == "callback" and task.state == "open"
    assert task.__data__["customer"] == customer_id and task.__data__["call"] == call_id
    assert "7 s" in task.reason and "留守番電話" in task.reason
    assert store.executor.call(lambda: Call.get_by_id(call_id).disposition) == "voicemail"
    row = store.executor.call(rows.by_uid, result.uid)
    assert row is not None and row.kind == "voicemail"


def test_voicemail_while_locked_appears_at_unlock(box: VaultSession) -> None:
    started = dt.datetime(2026, 12, 1, 22, 15, 0, tzinfo=dt.UTC)  # after closing time
    box.seal(CALL, call_payload("line1", number="0312345678", started_at=started))
    rstore = RecordingStore(box.vault.data_dir / "recordings", box, create_root=True)
    message = Voicemail(rstore, line="line1", started_at=started)
    message.write(voice(1.0))
    message.close()
    assert message.task_id is None  # locked: the board gets it at unlock
    asyncio.run(box.unlock_with_keyfile())
    assert box.store is not None
    try:
        tasks = box.store.executor.call(lambda: list(Task.select()))
        assert len(tasks) == 1 and "留守番電話" in tasks[0].reason
        assert tasks[0].__data__["call"] is not None
    finally:
        asyncio.run(box.lock())
