"""Transcription jobs: one at a time on a low-priority thread, with progress per recording."""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from appliance.recordings.errors import RecordingError
from appliance.recordings.reader import RecordingReader
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.engine import Engine
from appliance.recordings.transcribe.results import save_transcript

log = logging.getLogger(__name__)


@dataclass
class JobStatus:
    """One recording's transcription: queued → running (progress 0..1) → done | failed."""

    recording_id: int
    state: str = "queued"
    progress: float = 0.0
    message: str = ""
    transcript_id: int | None = None


class TranscriptionRunner:
    """Queue recordings; a single worker thread (niced) transcribes them in order."""

    def __init__(
        self,
        rstore: RecordingStore,
        engine: Callable[[], Engine],
        *,
        on_progress: Callable[[JobStatus], None] | None = None,
        nice: int = 10,
    ) -> None:
        self.rstore = rstore
        self._make_engine = engine
        self._engine: Engine | None = None
        self._on_progress = on_progress
        self._nice = nice
        self._queue: queue.Queue[int | None] = queue.Queue()
        self.status: dict[int, JobStatus] = {}
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="transcribe", daemon=True)
            self._thread.start()

    def enqueue(self, recording_id: int) -> JobStatus:
        """Add a finished recording to the queue."""
        job = self.status[recording_id] = JobStatus(recording_id)
        self._queue.put(recording_id)
        self.start()
        return job

    def wait_idle(self, timeout: float = 600.0) -> bool:
        """Wait until every queued job finished; False on timeout."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        """Finish the current job, then stop."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _report(self, job: JobStatus) -> None:
        if self._on_progress is not None:
            self._on_progress(job)

    def _run(self) -> None:
        with contextlib.suppress(OSError):  # Linux: this thread alone gets the lower priority
            tid = threading.get_native_id()
            os.setpriority(
                os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + self._nice)
            )
        while (rid := self._queue.get()) is not None:
            job = self.status.setdefault(rid, JobStatus(rid))
            try:
                self._one(job)
            except RecordingError as exc:
                job.state, job.message = "failed", str(exc)
            except Exception as exc:  # an engine crash must not stop the queue
                log.exception("transcription of recording %d failed", rid)
                job.state, job.message = "failed", f"文字起こしに失敗 / transcription failed: {exc}"
            finally:
                self._report(job)
                self._queue.task_done()
        self._queue.task_done()

    def _one(self, job: JobStatus) -> None:
        store = self.rstore.box.store
        if store is None or self.rstore.box.locked:
            raise RecordingError("ロック中は文字起こしできません / the box is locked")
        from appliance.recordings import rows

        row = store.executor.call(rows.get, job.recording_id)
        if row is None:
            raise RecordingError(f"録音 {job.recording_id} はありません / no such recording")
        if row.state == "recording":
            raise RecordingError("録音中です / still recording: transcribe it after the call")
        if self._engine is None:
            self._engine = self._make_engine()
        engine = self._engine
        total = max(float(row.duration_s), 0.01)
        job.state = "running"
        self._report(job)
        reader = RecordingReader(self.rstore.path_of(row.file), bytes(row.file_key))
        started = time.monotonic()

        def progress(seconds: float) -> None:
            job.progress = min(1.0, seconds / total)
            self._report(job)

        text = engine.transcribe(reader.pcm(strict=False), progress)
        elapsed = time.monotonic() - started
        job.transcript_id = store.executor.call(
            save_transcript, job.recording_id, engine.name, engine.language, text, total, elapsed
        )
        job.state, job.progress = "done", 1.0
        job.message = f"{total:.0f} 秒を {elapsed:.1f} 秒で / {total:.0f} s in {elapsed:.1f} s"
