"""A recorder to kill: records a call at 10x real time, printing the seconds handed to write().

`python -m appliance.bench._recordings_powercut DB KEYHEX ROOT CALL_ID CHUNK_S` — used by the
power-cut test and `ringdesk bench recordings` (the parent SIGKILLs it mid-recording)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from appliance.db.store import Store
from appliance.recordings.store import OpenBox, RecordingStore

BLOCK_S = 0.1
SPEEDUP = 10.0


def speech_like(seconds: float) -> bytes:
    """Voiced, syllable-modulated telephone audio (PCM16 8 kHz)."""
    t = np.arange(int(seconds * 8000)) / 8000
    phase = 2 * np.pi * np.cumsum(140 * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))) / 8000
    sig = sum(np.sin(k * phase) / k for k in range(1, 12))
    sig = sig * (0.55 + 0.45 * np.sin(2 * np.pi * 3.1 * t) ** 2) / 2.5
    return np.asarray(np.clip(sig * 12000, -32768, 32767), dtype="<i2").tobytes()


def main(argv: list[str]) -> int:
    """Record until killed (or 600 s of audio)."""
    db, key, root, call_id, chunk_s = argv
    store = Store.open(Path(db), bytes.fromhex(key))
    rstore = RecordingStore(Path(root), OpenBox(store), chunk_seconds=float(chunk_s))
    sink = rstore.open(int(call_id))
    print(f"uid {sink.uid}", flush=True)
    pcm = speech_like(60.0)
    step = int(BLOCK_S * 16000)
    sent = 0.0
    while sent < 600:
        for i in range(0, len(pcm), step):
            sink.write(pcm[i : i + step])
            sent += BLOCK_S
            print(f"sent {sent:.3f} ondisk {sink.seconds:.3f}", flush=True)
            time.sleep(BLOCK_S / SPEEDUP)
    sink.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
