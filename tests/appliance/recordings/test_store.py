"""RecordingStore: calls recorded and linked, locked recordings sealed and linked at unlock."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from appliance.db.models import Call, Recording, utcnow
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.reader import RecordingReader
from appliance.recordings.store import RecordingStore
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession
from tests.appliance.recordings.audio import voice
from tests.appliance.recordings.conftest import Warnings, customer_call


def _row(store: Store, uid: str) -> Recording:
    row = store.executor.call(rows.by_uid, uid)
    assert row is not None
    return row


def test_a_call_is_recorded_linked_and_playable(store: Store, rstore: RecordingStore) -> None:
    customer_id, call_id = customer_call(store)
    sink = rstore.open(call_id)
    pcm = voice(3.3)
    for i in range(0, len(pcm), 480):  # 30 ms blocks, as a modem delivers them
        sink.write(pcm[i : i + 480])
    result = sink.close()
    assert result.error is None and result.seconds == pytest.approx(3.3)
    row = _row(store, sink.uid)
    assert (row.state, row.duration_s, row.size_bytes) == (
        "complete",
        result.seconds,
        result.size_bytes,
    )
    call = store.executor.call(Call.get_by_id, call_id)
    assert call.recording_ref == row.file
    assert [r.uid for r in store.executor.call(rows.of_customer, customer_id)] == [sink.uid]
    out = b"".join(RecordingReader(rstore.path_of(row.file), bytes(row.file_key)).pcm())
    assert len(out) == 2 * round(result.seconds * 8000)
    assert not rstore.is_active(sink.uid)


def test_writes_after_close_are_counted_not_written(store: Store, rstore: RecordingStore) -> None:
    _, call_id = customer_call(store)
    sink = rstore.open(call_id)
    sink.write(voice(0.5))
    sink.close()
    sink.write(b"\0" * 320)
    assert sink.dropped_bytes == 320 and sink.close().error is None


def _merge(box: VaultSession) -> None:
    asyncio.run(box.unlock_with_keyfile())


def test_locked_recording_goes_through_the_inbox_and_is_linked_at_unlock(
    box: VaultSession, warnings: Warnings
) -> None:
    started = dt.datetime(2026, 12, 1, 9, 30, 5, tzinfo=dt.UTC)
    box.seal(CALL, call_payload("line2", number="03-1234-5678", started_at=started))
    rstore = RecordingStore(
        box.vault.data_dir / "recordings", box, on_warning=warnings, create_root=True
    )
    sink = rstore.open(line="line2", started_at=started)
    sink.write(voice(2.2))
    result = sink.close()
    assert result.error is None and rstore.path_of(sink.uid + ".rdrec").exists()
    _merge(box)
    assert box.store is not None
    try:
        assert rstore.recover() == [(sink.uid, "complete")]
        row = _row(box.store, sink.uid)
        call = box.store.executor.call(Call.get_by_id, row.__data__["call"])
        assert (call.line, call.recording_ref, row.sealed) == ("line2", row.file, True)
        assert row.duration_s == pytest.approx(result.seconds)
    finally:
        asyncio.run(box.lock())


def test_unlock_in_the_middle_of_a_recording(box: VaultSession) -> None:
    started = utcnow()
    box.seal(CALL, call_payload("line1", number="0312345678", started_at=started))
    rstore = RecordingStore(box.vault.data_dir / "recordings", box, create_root=True)
    sink = rstore.open(line="line1", started_at=started)
    sink.write(voice(1.5))
    _merge(box)  # a desk arrives while the caller is still talking
    assert box.store is not None
    try:
        assert rstore.recover() == []  # still being written: left alone
        sink.write(voice(1.5))
        result = sink.close()
        row = _row(box.store, sink.uid)
        assert row.state == "complete" and row.duration_s == pytest.approx(result.seconds)
        assert result.seconds == pytest.approx(3.0, abs=0.03)
    finally:
        asyncio.run(box.lock())


def test_recover_marks_missing_and_damaged_files(
    store: Store, rstore: RecordingStore, tmp_path: Path
) -> None:
    _, call_id = customer_call(store)
    uids = []
    for _ in range(3):
        sink = rstore.open(call_id)
        sink.write(voice(1.2))
        sink.close()
        uids.append(sink.uid)
    store.executor.call(lambda: Recording.update(state="recording").execute())
    rstore.path_of(uids[0] + ".rdrec").unlink()
    damaged = rstore.path_of(uids[1] + ".rdrec")
    data = bytearray(damaged.read_bytes())
    data[-3] ^= 0xFF
    damaged.write_bytes(bytes(data))
    got = dict(rstore.recover())
    assert got == {uids[0]: "missing", uids[1]: "damaged", uids[2]: "complete"}
    assert "tampered" in _row(store, uids[1]).problem


async def test_async_open_and_close_keep_the_loop_free(
    store: Store, rstore: RecordingStore
) -> None:
    _, call_id = customer_call(store)
    sink = await rstore.aopen(call_id)
    sink.write(voice(1.0))
    result = await sink.aclose()
    assert result.error is None and result.seconds == 1.0


def test_which_lines_are_recorded(store: Store) -> None:
    from appliance.core.actor import Actor
    from appliance.core.settings import set_setting
    from appliance.recordings.config import LINES_SETTING, should_record

    assert not store.executor.call(should_record, "line1")
    store.executor.call(set_setting, Actor.system(), LINES_SETTING, ["line2"])
    assert store.executor.call(lambda: (should_record("line1"), should_record("line2"))) == (
        False,
        True,
    )
    store.executor.call(set_setting, Actor.system(), LINES_SETTING, ["*"])
    assert store.executor.call(should_record, "line9")


def test_recordings_survive_a_data_key_rotation(box: VaultSession) -> None:
    asyncio.run(box.unlock_with_keyfile())
    assert box.store is not None
    rstore = RecordingStore(box.vault.data_dir / "recordings", box, create_root=True)
    _, call_id = customer_call(box.store)
    sink = rstore.open(call_id)
    sink.write(voice(1.0))
    sink.close()
    box.unlocked.rotate(box.store)  # a desk was revoked: new data key, database rekeyed
    asyncio.run(box.lock())
    asyncio.run(box.unlock_with_keyfile())
    assert box.store is not None
    try:
        row = _row(box.store, sink.uid)
        check = RecordingReader(rstore.path_of(row.file), bytes(row.file_key)).verify()
        assert check.ok and check.seconds == 1.0
    finally:
        asyncio.run(box.lock())
