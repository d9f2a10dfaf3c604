"""The box's transcription queue: every finished recording goes to the TranscriptionRunner
(one job at a time on a niced thread); each step is a `transcription` event on every desk."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

from appliance.contract import TranscriptionProgress
from appliance.core.events import EventHub
from appliance.db.models import Recording, Transcript
from appliance.recordings import rows
from appliance.recordings.errors import RecordingError
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.choose import engine_from_settings
from appliance.recordings.transcribe.engine import Engine
from appliance.recordings.transcribe.jobs import JobStatus, TranscriptionRunner

log = logging.getLogger(__name__)
TRANSCRIBED_STATES = ("complete", "cut")  # damaged or missing audio is not transcribed
PROGRESS_STEP = 0.1  # desks hear of each tenth, not of every 0.3 s window


def untranscribed() -> list[int]:
    """Finished recordings without a transcript, oldest first (db thread)."""
    done = Transcript.select(Transcript.recording)
    query = (
        Recording.select(Recording.id)
        .where(Recording.state.in_(TRANSCRIBED_STATES) & Recording.id.not_in(done))
        .order_by(Recording.started_at)
    )
    return [int(r.id) for r in query]


def _finished_id(uid: str) -> int | None:
    row = rows.by_uid(uid)
    return int(row.id) if row is not None and row.state in TRANSCRIBED_STATES else None


class AutoTranscriber:
    """Queues recordings as they finish (and, at start or unlock, those left over)."""

    def __init__(
        self, recordings: RecordingStore, hub: EventHub, engine: Callable[[], Engine] | None = None
    ) -> None:
        self.recordings, self.hub = recordings, hub
        self.runner = TranscriptionRunner(
            recordings, engine or self._settings_engine, on_progress=self._progress
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._told: dict[int, tuple[str, float]] = {}
        self._closed = False  # the box is stopping: nothing new is queued

    def _settings_engine(self) -> Engine:
        store = self.recordings.box.store
        if store is None:
            raise RecordingError("ロック中は文字起こしできません / the box is locked")
        engine: Engine = store.executor.call(engine_from_settings)
        return engine

    def _progress(self, job: JobStatus) -> None:
        """From the worker thread: publish on the loop when the state or a tenth changed."""
        last = self._told.get(job.recording_id)
        if last is not None and last[0] == job.state and job.progress - last[1] < PROGRESS_STEP:
            return
        self._told[job.recording_id] = (job.state, job.progress)
        data = TranscriptionProgress(
            recording_id=job.recording_id,
            state=job.state,
            progress=round(job.progress, 3),
            message=job.message,
        )
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.hub.publish, "transcription", data.model_dump())

    def _queue(self, recording_id: int) -> None:
        self._loop = self._loop or asyncio.get_running_loop()
        job = self.runner.enqueue(recording_id)
        self._progress(job)

    async def finished(self, uid: str) -> None:
        """A recording closed (CallRecorder hook): queue it if the box can see its row."""
        store = self.recordings.box.store
        if store is None or self.recordings.box.locked or self._closed:
            return  # sealed: queued by catch_up() at unlock (stopping: at the next start)
        recording_id = await store.executor.run(_finished_id, uid)
        if recording_id is not None:
            self._queue(recording_id)

    async def catch_up(self) -> int:
        """Queue finished recordings that have no transcript yet; returns how many."""
        store = self.recordings.box.store
        if store is None or self.recordings.box.locked or self._closed:
            return 0
        waiting = {
            rid for rid, job in self.runner.status.items() if job.state in ("queued", "running")
        }
        found = [r for r in await store.executor.run(untranscribed) if r not in waiting]
        for recording_id in found:
            self._queue(recording_id)
        if found:
            log.info("%d recording(s) queued for transcription", len(found))
        return len(found)

    async def stop(self, wait_s: float = 5.0) -> None:
        """Stop the worker after its queue; a box stopping waits at most wait_s (the daemon
        thread then ends with the process, its job unsaved and queued again at next start)."""
        self._closed = True
        # not asyncio.to_thread: the loop's executor is joined at exit, however long the job
        done = asyncio.Event()
        loop = asyncio.get_running_loop()

        def stop_runner() -> None:
            self.runner.stop()
            with contextlib.suppress(RuntimeError):  # the loop closed while we waited
                loop.call_soon_threadsafe(done.set)

        threading.Thread(target=stop_runner, daemon=True, name="transcribe-stop").start()
        try:
            await asyncio.wait_for(done.wait(), wait_s)
        except TimeoutError:
            log.info("transcription still running at stop: it is queued again at next start")
