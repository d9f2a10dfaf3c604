"""One live recording: write() queues audio and returns at once; a thread compresses,
seals and fsyncs; a full disk or a removed drive stops the recording, never the call."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from appliance.recordings.capture import AudioWriter
from appliance.recordings.errors import RecordingError, StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SinkResult:
    """How a recording ended: its id, seconds and bytes on disk, and any error (ja/en)."""

    uid: str
    seconds: float
    size_bytes: int
    error: str | None


class SinkHooks:
    """What the store does around each chunk (quota, drive checks) and at the end."""

    def after_chunk(self, sink: RecordingSink, size: int) -> str | None:
        """Account for a written chunk; a message stops the recording."""
        return None

    def finished(self, sink: RecordingSink, result: SinkResult) -> None:
        """The recording's file is closed."""

    def failed(self, sink: RecordingSink, message: str) -> None:
        """The recording stopped early (the message goes to every desk)."""


class RecordingSink:
    """The writer the call path holds: write(pcm16_8k) never blocks on the disk; close()."""

    def __init__(
        self,
        uid: str,
        path: Path,
        file_key: bytes,
        hooks: SinkHooks,
        *,
        chunk_seconds: float,
        bitrate: int,
        locked: bool,
        call_id: int | None = None,
        kind: str = "call",
    ) -> None:
        self.uid, self.path, self.call_id, self.kind = uid, Path(path), call_id, kind
        self.locked_at_start = locked
        self._hooks = hooks
        self.error: str | None = None
        self.dropped_bytes = 0
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = AudioWriter(
            self.path,
            file_key,
            bytes.fromhex(uid),
            chunk_seconds=chunk_seconds,
            bitrate=bitrate,
            locked=locked,
            on_chunk=self._chunk,
        )
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=f"recording-{uid[:8]}", daemon=True)
        self._thread.start()

    @property
    def seconds(self) -> float:
        """Audio seconds safely on disk so far."""
        return self._writer.seconds

    @property
    def active(self) -> bool:
        """True until the file is closed (playback follows the file while this holds)."""
        return not self._writer.closed

    def write(self, pcm16_8k: bytes) -> None:
        """Queue PCM16 mono 8 kHz audio; dropped (and counted) once the recording stopped."""
        if self._closed or self.error is not None:
            self.dropped_bytes += len(pcm16_8k)
            return
        self._queue.put(bytes(pcm16_8k))

    def close(self) -> SinkResult:
        """Write what is buffered as the last chunk and wait for the file to close."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._thread.join()
        return SinkResult(self.uid, self._writer.seconds, self._writer.size, self.error)

    async def aclose(self) -> SinkResult:
        """close() from the event loop, without blocking it."""
        return await asyncio.to_thread(self.close)

    def _chunk(self, size: int) -> None:
        why = self._hooks.after_chunk(self, size)
        if why is not None:
            raise StorageError(why)

    def _run(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                if self.error is None:
                    self._writer.write(item)
            self._writer.close()
        except RecordingError as exc:
            self._stop(str(exc))
        except Exception as exc:  # a recorder bug must not take the call down
            log.exception("recording %s failed", self.uid)
            self._stop(f"録音が止まりました / the recording stopped: {exc}")
        finally:
            self._hooks.finished(
                self, SinkResult(self.uid, self._writer.seconds, self._writer.size, self.error)
            )

    def _stop(self, message: str) -> None:
        self.error = message
        if not self._writer.closed:
            # if the disk refuses even the last chunk, what is already fsynced stays readable
            with contextlib.suppress(RecordingError):
                self._writer.close()
        self._hooks.failed(self, message)


def new_uid() -> str:
    """A random recording id (also the file name)."""
    return os.urandom(16).hex()
