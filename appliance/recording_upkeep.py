"""Recordings beside the call flow: the recorder's wiring, which lines record, recovery after
an unlock, transcription, and retention."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from appliance.auto_transcribe import AutoTranscriber
from appliance.box_health import Warning, warning
from appliance.call_recording import CallRecorder
from appliance.callflow import CallFlow
from appliance.config import BoxConfig
from appliance.core.events import EventHub
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.jobs import TranscriptionRunner
from appliance.vault.session import VaultSession

log = logging.getLogger(__name__)
RETENTION_EVERY_S = 6 * 3600.0
Warn = Callable[[str, Warning | None], None]


class RecordingUpkeep:
    """The box's recordings: `start(flow)` once, `refresh()` after an unlock, `stop()`."""

    def __init__(
        self,
        data_dir: Path,
        session: VaultSession,
        config: BoxConfig,
        hub: EventHub,
        warn: Warn,
        answering: set[str],
    ) -> None:
        self.data_dir, self.session, self.config = data_dir, session, config
        self.hub, self.warn, self.answering = hub, warn, answering
        self.recorder: CallRecorder | None = None
        self.record_lines: set[str] = set()
        self.recordings: RecordingStore | None = None  # the API streams and exports from it
        self.transcription: AutoTranscriber | None = None
        self._retention: asyncio.Task[None] | None = None

    @property
    def transcriber(self) -> TranscriptionRunner | None:
        """The transcription queue (the API reads its job states)."""
        return self.transcription.runner if self.transcription is not None else None

    def _recording_problem(self, detail: str) -> None:
        """The detail (sizes, folders) goes to the log; desks get the code."""
        log.warning("recordings: %s", detail)
        self.warn("recordings", warning("recordings"))

    async def start(self, flow: CallFlow) -> None:
        """Record the flow's calls on the lines that record; start retention."""
        from appliance.recordings.config import root_for

        store = self.session.store
        root = self.data_dir / "recordings"
        if store is not None:
            root = await store.executor.run(root_for, self.data_dir)
        recordings = RecordingStore(
            root,
            self.session,
            create_root=True,
            on_warning=self._recording_problem,
        )
        self.recorder = CallRecorder(
            recordings,
            self.record_lines.__contains__,
            flow.drivers,
            flow.sealed.started_at.get,
            self.answering.__contains__,
        )
        flow.taps.append(self.recorder.tap)
        flow.observers.append(self.recorder.update)
        self.recordings = recordings
        self.transcription = AutoTranscriber(recordings, self.hub)
        self.recorder.on_recorded.append(self.transcription.finished)
        await self.refresh()
        self._retention = asyncio.create_task(self._purge_forever(recordings), name="retention")

    async def refresh(self) -> None:
        """Lines whose calls are recorded (`record = true` in ringdesk.toml or the setting);
        once unlocked, recordings cut off by a power cut are recovered and queued."""
        from appliance.recordings.config import should_record

        wanted = {c.name for c in self.config.lines if c.options.get("record", False)}
        store = self.session.store
        if store is not None:
            names = [c.name for c in self.config.lines]
            wanted |= set(await store.executor.run(lambda: [n for n in names if should_record(n)]))
            if self.recorder is not None:
                await asyncio.to_thread(self.recorder.store.recover)
                await asyncio.to_thread(self.recorder.store.sweep_orphans)
            if self.transcription is not None:
                await self.transcription.catch_up()
        self.record_lines.clear()
        self.record_lines.update(wanted)

    async def stop(self) -> None:
        """Transcription first (recordings closing now wait for the next start), then the
        recorder; retention ends."""
        if self._retention is not None:
            self._retention.cancel()
            await asyncio.gather(self._retention, return_exceptions=True)
        if self.transcription is not None:
            await self.transcription.stop()
        if self.recorder is not None:
            await self.recorder.close()

    async def _purge_forever(self, recordings: RecordingStore) -> None:
        """Retention: recordings past their days are deleted every few hours (when unlocked)."""
        while True:
            try:
                purged = await asyncio.to_thread(recordings.purge_expired)
                if purged:
                    log.info("%d recording(s) past retention deleted", purged)
            except Exception:
                log.exception("recording retention failed")
            await asyncio.sleep(RETENTION_EVERY_S)
