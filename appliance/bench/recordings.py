"""`ringdesk bench recordings`: size per hour, CPU for capture + compress + encrypt, audio lost
when a recorder is SIGKILLed mid-call, and the transcription real-time factor."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from appliance.bench.result import BenchResult, Budget

FULL = {"audio_s": 600.0, "speech_s": 30.0}
QUICK = {"audio_s": 60.0, "speech_s": 8.0}
SENTENCES = (
    "I would like to order two pizzas for delivery tomorrow.",
    "Please call me back about the order, my number is on the card.",
    "Could you send the taxi to the station at seven in the morning?",
)


def _speech(seconds: float) -> tuple[bytes, str]:
    """Real speech from espeak-ng when installed (else speech-like audio), PCM16 8 kHz."""
    from appliance.bench._recordings_powercut import speech_like

    if shutil.which("espeak-ng") is None:
        return speech_like(seconds), "speech-like signal (espeak-ng not installed)"
    import io
    import wave

    import numpy as np
    from scipy.signal import resample_poly

    pcm = b""
    while len(pcm) < seconds * 16000:
        for sentence in SENTENCES:
            wav = subprocess.run(
                ["espeak-ng", "-v", "en-us", "--stdout", sentence], capture_output=True, check=True
            ).stdout
            with wave.open(io.BytesIO(wav)) as w:
                x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float)
                y = resample_poly(x, 8000, w.getframerate())
            pcm += np.clip(y, -32768, 32767).astype("<i2").tobytes() + bytes(4000)
    return pcm[: int(seconds * 16000)], "espeak-ng en-us speech"


def _capture(tmp: Path, pcm: bytes) -> tuple[float, float]:
    """MB per hour and CPU ms per audio second of AudioWriter on pcm (20 ms writes)."""
    from appliance.recordings.capture import AudioWriter

    path = tmp / "capture.rdrec"
    cpu = time.process_time()
    writer = AudioWriter(path, os.urandom(32), os.urandom(16))
    for i in range(0, len(pcm), 320):
        writer.write(pcm[i : i + 320])
    writer.close()
    cpu = time.process_time() - cpu
    seconds = len(pcm) / 16000
    return path.stat().st_size * 3600 / seconds / 1e6, cpu * 1000 / seconds


def _powercut(tmp: Path, chunk_s: float) -> float:
    """The most audio lost over three SIGKILLs at different points of a chunk."""
    from appliance.core.actor import Actor
    from appliance.core.call_log import create_call
    from appliance.db.store import Store
    from appliance.recordings.powercut import kill_mid_recording

    key, db = os.urandom(32), tmp / "box.db"
    store = Store.open(db, key, create=True)
    try:
        call = store.executor.call(create_call, Actor.system(), "line1", number="0312345678")
        root = tmp / "recordings"
        root.mkdir()
        lost = 0.0
        for after_s in (6.3, 9.6, 12.9):  # early, middle and late in a chunk: the worst counts
            cut = kill_mid_recording(
                store, db, key, root, int(call.id), chunk_s=chunk_s, after_s=after_s
            )
            lost = max(lost, cut.lost_s)
        return lost
    finally:
        store.close()


def _transcription(pcm: bytes) -> tuple[float, float, str]:
    """Wall-clock and CPU real-time factors (model loaded first: the runner keeps it)."""
    from appliance.recordings.transcribe.sphinx_engine import PocketSphinxEngine

    engine = PocketSphinxEngine()
    engine.transcribe([bytes(3200)], lambda s: None)
    start, cpu = time.perf_counter(), time.process_time()
    text = engine.transcribe([pcm], lambda s: None)
    seconds = len(pcm) / 16000
    return ((time.perf_counter() - start) / seconds, (time.process_time() - cpu) / seconds, text)


def run(args: argparse.Namespace) -> BenchResult:
    """Measure each figure on this machine (temporary files only)."""
    from appliance.bench._recordings_powercut import speech_like
    from appliance.recordings.capture import DEFAULT_CHUNK_SECONDS
    from appliance.recordings.codec import DEFAULT_BITRATE

    sizes = QUICK if getattr(args, "quick", False) else FULL
    result = BenchResult("recordings")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-rec-") as name:
        tmp = Path(name)
        speech, source = _speech(sizes["speech_s"])
        mb, cpu = _capture(tmp, speech_like(sizes["audio_s"]))
        result.figures["mb_per_hour"] = round(mb, 2)
        result.figures["cpu_ms_per_audio_s"] = round(cpu, 2)
        result.figures["lost_s_on_powercut"] = round(_powercut(tmp, DEFAULT_CHUNK_SECONDS), 2)
        rtf, cpu_rtf, text = _transcription(speech)
        result.figures["real_time_factor"] = round(rtf, 2)
        result.figures["transcription_cpu_per_audio_s"] = round(cpu_rtf, 2)
    result.budgets = {
        "mb_per_hour": Budget(10.0),
        "cpu_ms_per_audio_s": Budget(20.0),
        "lost_s_on_powercut": Budget(DEFAULT_CHUNK_SECONDS),
        # 4 hours of calls a day transcribe overnight at low priority, even on a busy box
        "real_time_factor": Budget(3.0),
    }
    result.context = {
        "codec": f"Opus {DEFAULT_BITRATE // 1000} kbit/s, 8 kHz mono, 20 ms frames",
        "chunk_s": DEFAULT_CHUNK_SECONDS,
        "capture_audio_s": sizes["audio_s"],
        "transcription": f"pocketsphinx en-us on {sizes['speech_s']:.0f} s of {source}",
        "heard": text[:80],
        "cores": os.cpu_count(),
    }
    return result
