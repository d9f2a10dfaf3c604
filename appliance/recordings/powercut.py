"""Measure what a power cut loses: run a recorder subprocess, SIGKILL it, read what survived."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.store import OpenBox, RecordingStore


@dataclass(frozen=True)
class PowerCut:
    """Audio handed to the recorder before the kill, audio recovered, and the difference."""

    sent_s: float
    recovered_s: float
    state: str

    @property
    def lost_s(self) -> float:
        """Seconds of audio the cut lost."""
        return max(0.0, self.sent_s - self.recovered_s)


def kill_mid_recording(
    store: Store,
    db_path: Path,
    key: bytes,
    root: Path,
    call_id: int,
    *,
    chunk_s: float,
    after_s: float,
) -> PowerCut:
    """Start the recorder, SIGKILL it once after_s seconds were written, recover the row."""
    cmd = [
        sys.executable,
        "-m",
        "appliance.bench._recordings_powercut",
        str(db_path),
        key.hex(),
        str(root),
        str(call_id),
        str(chunk_s),
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2]
    )
    assert proc.stdout is not None
    uid, sent = "", 0.0
    try:
        for line in proc.stdout:
            if line.startswith("uid "):
                uid = line.split()[1]
            elif line.startswith("sent "):
                sent = float(line.split()[1])
                if sent >= after_s:
                    os.kill(proc.pid, signal.SIGKILL)  # the power goes: no close, no flush
                    break
        for line in proc.stdout:  # what it printed before it died counts as sent too
            if line.startswith("sent "):
                sent = float(line.split()[1])
    finally:
        proc.kill()
        proc.wait()
    rstore = RecordingStore(root, OpenBox(store))
    rstore.recover()
    row = store.executor.call(rows.by_uid, uid)
    if row is None:
        raise RuntimeError(f"the recorder died before its recording row was written ({uid!r})")
    return PowerCut(sent, float(row.duration_s), str(row.state))
