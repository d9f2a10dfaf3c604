"""No plaintext from recordings on disk: audio (PCM or Opus), transcripts, canary names and
numbers, recorded unlocked and locked, then transcribed, exported and listed."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.core.customers import create_customer
from appliance.db.models import Transcript
from appliance.recordings import rows
from appliance.recordings.codec import FrameEncoder
from appliance.recordings.store import OpenBox, RecordingStore
from appliance.recordings.transcribe.jobs import TranscriptionRunner
from appliance.recordings.transcribe.results import save_transcript
from appliance.recordings.transcribe.sphinx_engine import PocketSphinxEngine
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession
from tests.appliance.recordings.speech import spoken
from tests.appliance.vault.test_canary import EMAIL, KANA, NAME, NOTE, NUMBER, _scan

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]
SENTENCE = "I would like to order two pizzas for delivery tomorrow"


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """A data directory whose DEBUG log goes to a file inside it."""
    box = tmp_path / "box"
    (box / "logs").mkdir(parents=True)
    handler = logging.FileHandler(box / "logs" / "ringdesk.log", encoding="utf-8")
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield box
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        handler.close()


def _slices(blob: bytes, size: int = 24, count: int = 40) -> list[bytes]:
    step = max(1, (len(blob) - size) // count)
    return [
        blob[i : i + size]
        for i in range(0, len(blob) - size, step)
        if len(set(blob[i : i + size])) > 8
    ]


def _raw_hits(root: Path, needles: list[bytes]) -> list[str]:
    return [
        f"{p.name}: {n[:8].hex()}"
        for p in root.rglob("*")
        if p.is_file()
        for n in needles
        if n in p.read_bytes()
    ]


def test_recordings_and_transcripts_leave_no_plaintext(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    actor = Actor(user_id=None, desk_id=None, name="受付")
    store = open_store_for(data)
    pcm = spoken(SENTENCE)
    opus = FrameEncoder().feed(pcm)
    try:

        def seed() -> tuple[int, int]:
            customer = create_customer(actor, NAME, phones=[NUMBER], emails=[EMAIL], reading=KANA)
            call = create_call(
                actor, "line1", number=NUMBER, customer_id=int(customer.id), caller_name=KANA
            )
            return int(customer.id), int(call.id)

        customer_id, call_id = store.executor.call(seed)
        rstore = RecordingStore(data / "recordings", OpenBox(store), create_root=True)
        sinks = [rstore.open(call_id), rstore.open(call_id)]
        for sink in sinks:
            sink.write(pcm)
            sink.close()
        ids = [int(store.executor.call(rows.by_uid, s.uid).id) for s in sinks]  # type: ignore[union-attr]
        runner = TranscriptionRunner(rstore, PocketSphinxEngine)
        job = runner.enqueue(ids[0])
        assert runner.wait_idle(120)
        runner.stop()
        assert job.state == "done"
        # what a Japanese Vosk model would have written for the second call
        store.executor.call(
            save_transcript, ids[1], "vosk", "ja-JP", f"{NAME} です {NOTE}", 3.0, 1.0
        )
        heard = store.executor.call(lambda: Transcript.get(Transcript.recording == ids[0]).text)
        assert _scan(data) == []
    finally:
        store.close()

    # locked: the call and its recording key go to the sealed inbox
    box = VaultSession(data)
    started = dt.datetime.now(dt.UTC)
    box.seal(
        CALL, call_payload("line1", number="09000004242", caller_name=KANA, started_at=started)
    )
    locked = RecordingStore(data / "recordings", box)
    sink = locked.open(line="line1", started_at=started)
    sink.write(pcm)
    sink.close()
    assert _scan(data) == []
    asyncio.run(box.unlock_with_keyfile())
    assert locked.recover() == [(sink.uid, "complete")]
    asyncio.run(box.lock())

    outside = tmp_path / "handover"
    outside.mkdir()
    wav = outside / "a.wav"
    assert main(["recordings", "export-wav", str(ids[0]), str(wav), "--data", str(data)]) == 0
    assert main(["recordings", "list", "--customer", str(customer_id), "--data", str(data)]) == 0
    assert "3 件" in capsys.readouterr().out
    assert _scan(data) == []
    words = [w.encode() for w in heard.split() if len(w) >= 6]
    assert words and _raw_hits(data, words) == []  # the transcript only inside the database
    assert _raw_hits(data, _slices(pcm)) == []  # no raw audio
    assert _raw_hits(data, [p for p in opus[10:40] if len(p) >= 16]) == []  # no bare Opus
    assert wav.read_bytes()[:4] == b"RIFF"  # the handed-over copy is the only plain audio
