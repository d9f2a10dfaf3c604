"""A power cut mid-recording (SIGKILLed recorder process) loses at most the last chunk."""

from __future__ import annotations

import os
from pathlib import Path

from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.powercut import kill_mid_recording
from appliance.recordings.reader import RecordingReader

CHUNK_S = 0.5


def test_sigkill_loses_at_most_one_chunk(tmp_path: Path) -> None:
    key, db = os.urandom(32), tmp_path / "box.db"
    store = Store.open(db, key, create=True)
    root = tmp_path / "recordings"
    root.mkdir()
    try:
        call_id = int(
            store.executor.call(create_call, Actor.system(), "line1", number="0312345678").id
        )
        cut = kill_mid_recording(store, db, key, root, call_id, chunk_s=CHUNK_S, after_s=3.0)
        assert cut.state == "cut" and cut.sent_s >= 3.0
        assert cut.lost_s <= CHUNK_S + 0.1  # one chunk, plus the block being handed over
        row = store.executor.call(lambda: rows.of_call(call_id)[0])
        check = RecordingReader(root / row.file, bytes(row.file_key)).verify()
        assert check.problem is None and not check.finished
        assert "cut short" in row.problem
    finally:
        store.close()
