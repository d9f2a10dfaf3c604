"""A spoken sentence (espeak-ng) is recorded, transcribed offline by pocketsphinx, stored,
and finds the customer in search; a missing Vosk model is a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.core.search import search
from appliance.db.models import Transcript
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.errors import EngineUnavailableError
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.choose import make_engine
from appliance.recordings.transcribe.jobs import JobStatus, TranscriptionRunner
from appliance.recordings.transcribe.sphinx_engine import PocketSphinxEngine
from tests.appliance.recordings.conftest import customer_call
from tests.appliance.recordings.speech import spoken

SENTENCE = "I would like to order two pizzas for delivery tomorrow"


def test_spoken_sentence_is_transcribed_stored_and_searchable(
    store: Store, rstore: RecordingStore
) -> None:
    customer_id, call_id = customer_call(store, "Olivia Bennett", "+1 415 555 0188")
    sink = rstore.open(call_id)
    pcm = spoken(SENTENCE)
    for i in range(0, len(pcm), 480):
        sink.write(pcm[i : i + 480])
    sink.close()
    row = store.executor.call(rows.by_uid, sink.uid)
    assert row is not None
    seen: list[tuple[str, float]] = []

    def progress(job: JobStatus) -> None:
        seen.append((job.state, job.progress))

    runner = TranscriptionRunner(rstore, PocketSphinxEngine, on_progress=progress)
    job = runner.enqueue(int(row.id))
    assert runner.wait_idle(120)
    runner.stop()
    assert job.state == "done", job.message
    text = store.executor.call(lambda: Transcript.get(Transcript.recording == row.id).text)
    assert "order" in text.split() and "tomorrow" in text.split(), text
    assert seen[0][0] == "running" and seen[-1] == ("done", 1.0)
    assert [p for s, p in seen] == sorted(p for s, p in seen)  # progress only goes forward
    hits = store.executor.call(search, "tomorrow")
    assert [h.customer_id for h in hits] == [customer_id]


def test_a_job_for_a_missing_or_live_recording_fails_clearly(
    store: Store, rstore: RecordingStore
) -> None:
    _, call_id = customer_call(store)
    sink = rstore.open(call_id)
    row = store.executor.call(rows.by_uid, sink.uid)
    assert row is not None
    runner = TranscriptionRunner(rstore, PocketSphinxEngine)
    live, missing = runner.enqueue(int(row.id)), runner.enqueue(9999)
    assert runner.wait_idle(60)
    runner.stop()
    sink.close()
    assert live.state == "failed" and "still recording" in live.message
    assert missing.state == "failed" and "no such recording" in missing.message


def test_missing_vosk_model_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailableError, match=r"recordings\.vosk_model"):
        make_engine("vosk")
    with pytest.raises(EngineUnavailableError, match="no such folder") as info:
        make_engine("vosk", vosk_model=str(tmp_path / "vosk-model-small-ja-0.22"))
    assert "モデル" in str(info.value)
    (tmp_path / "not-a-model").mkdir()
    with pytest.raises(EngineUnavailableError, match="not a Vosk model"):
        make_engine("vosk", vosk_model=str(tmp_path / "not-a-model"))
    with pytest.raises(EngineUnavailableError, match="choose one of"):
        make_engine("whisper")
