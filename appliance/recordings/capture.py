"""Capture: PCM16 8 kHz in, Opus packets grouped into sealed chunks, each fsynced on write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from appliance.recordings.chunkfile import ChunkFile
from appliance.recordings.chunks import FLAG_LOCKED, Header
from appliance.recordings.codec import DEFAULT_BITRATE, FRAME_SAMPLES, SAMPLE_RATE, FrameEncoder

DEFAULT_CHUNK_SECONDS = 1.0  # a power cut loses at most this much audio


class AudioWriter:
    """Writes one recording file; every non-last chunk holds exactly frames_per_chunk frames."""

    def __init__(
        self,
        path: Path,
        file_key: bytes,
        recording_id: bytes,
        *,
        chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
        bitrate: int = DEFAULT_BITRATE,
        locked: bool = False,
        on_chunk: Callable[[int], None] | None = None,
    ) -> None:
        per_chunk = max(1, round(chunk_seconds * SAMPLE_RATE / FRAME_SAMPLES))
        self.header = Header(
            recording_id, SAMPLE_RATE, FRAME_SAMPLES, per_chunk, FLAG_LOCKED if locked else 0
        )
        self._encoder = FrameEncoder(bitrate)
        self._packets: list[bytes] = []
        self._on_chunk = on_chunk
        self.file = ChunkFile(path, file_key, self.header)
        self.frames_written = 0

    @property
    def seconds(self) -> float:
        """Audio seconds safely on disk (in complete, fsynced chunks)."""
        return self.frames_written * FRAME_SAMPLES / SAMPLE_RATE

    @property
    def size(self) -> int:
        """Bytes in the file."""
        return self.file.size

    @property
    def closed(self) -> bool:
        """True after close() or a failed write."""
        return self.file.closed

    def write(self, pcm16_8k: bytes) -> None:
        """Buffer audio; each completed chunk is sealed, appended and fsynced at once."""
        self._packets += self._encoder.feed(pcm16_8k)
        per_chunk = self.header.frames_per_chunk
        while len(self._packets) >= per_chunk:
            self._emit(self._packets[:per_chunk], last=False)
            del self._packets[:per_chunk]

    def _emit(self, packets: list[bytes], *, last: bool) -> None:
        n = self.file.append(packets, last=last)
        self.frames_written += len(packets)
        if self._on_chunk is not None:
            self._on_chunk(n)

    def close(self) -> None:
        """Flush the partial frame and write the last chunk (flagged as last)."""
        if self.file.closed:
            return
        self._packets += self._encoder.flush()
        packets, self._packets = self._packets, []
        per_chunk = self.header.frames_per_chunk
        while len(packets) > per_chunk:
            self._emit(packets[:per_chunk], last=False)
            packets = packets[per_chunk:]
        self._emit(packets, last=True)
