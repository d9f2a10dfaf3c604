"""Reading a recording: verify every chunk, decode PCM from any second, follow a live file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from appliance.recordings.chunks import Chunk, ChunkParser, Header
from appliance.recordings.codec import PacketDecoder
from appliance.recordings.errors import RecordingDamagedError, StorageError

READ_BLOCK = 64 * 1024
WARMUP_PACKETS = 3  # decoded and dropped before a seek target, so the decoder state settles


@dataclass(frozen=True)
class Verification:
    """What a full read found: chunks, audio seconds, finished or cut short, any problem."""

    chunks: int
    seconds: float
    finished: bool
    torn_bytes: int
    problem: str | None

    @property
    def ok(self) -> bool:
        """True for a finished recording in which every chunk authenticated."""
        return self.finished and self.problem is None and not self.torn_bytes

    def describe(self) -> str:
        """One line for people (ja / en)."""
        if self.problem:
            return self.problem
        if not self.finished:
            torn = f", {self.torn_bytes} torn bytes" if self.torn_bytes else ""
            return (
                f"録音は途中で終わっています ({self.seconds:.1f} 秒まで有効、停電など) / the "
                f"recording was cut short (valid up to {self.seconds:.1f} s: a power cut or "
                f"crash{torn})"
            )
        return f"正常 / ok: {self.chunks} chunks, {self.seconds:.1f} s"


class RecordingReader:
    """One recording file opened with its file key; every byte is authenticated before use."""

    def __init__(self, path: Path, file_key: bytes) -> None:
        self.path = Path(path)
        self._key = file_key

    def _read(self) -> tuple[ChunkParser, list[Chunk]]:
        parser = ChunkParser(self._key)
        chunks: list[Chunk] = []
        try:
            with open(self.path, "rb") as fh:
                while block := fh.read(READ_BLOCK):
                    chunks += parser.feed(block)
        except OSError as exc:
            raise StorageError(
                f"録音ファイルを読めません / cannot read recording {self.path.name}: "
                f"{exc.strerror} (is the recording drive attached?)"
            ) from None
        return parser, chunks

    def verify(self) -> Verification:
        """Authenticate every chunk; report tamper, reordering, truncation or a cut-short end."""
        parser, chunks = self._read()
        samples = sum(len(c.packets) for c in chunks) * (
            parser.header.frame_samples if parser.header else 0
        )
        rate = parser.header.sample_rate if parser.header else 8000
        problem = parser.problem
        if parser.header is None and problem is None:
            problem = f"録音ファイルが空です / recording {self.path.name} has no header"
        return Verification(len(chunks), samples / rate, parser.finished, parser.pending, problem)

    def header(self) -> Header:
        """The file's header (RecordingDamagedError if unreadable)."""
        parser, _ = self._read()
        if parser.header is None:
            raise RecordingDamagedError(parser.problem or "録音ファイルが空です / empty recording")
        return parser.header

    def pcm(
        self,
        start_s: float = 0.0,
        *,
        strict: bool = True,
        follow: Callable[[], bool] | None = None,
        poll_s: float = 0.2,
    ) -> Iterator[bytes]:
        """PCM16 mono blocks (one per chunk) from start_s on.

        strict: a damaged chunk raises RecordingDamagedError (else decoding just stops there).
        follow: while follow() is True, wait for chunks still being written (live playback)."""
        parser = ChunkParser(self._key)
        decoder = PacketDecoder()
        previous: list[bytes] = []
        try:
            fh = open(self.path, "rb")  # noqa: SIM115 - held across yields
        except OSError as exc:
            raise StorageError(
                f"録音ファイルを読めません / cannot read {self.path.name}: {exc.strerror}"
            ) from None
        with fh:
            while True:
                block = fh.read(READ_BLOCK)
                for chunk in parser.feed(block):
                    assert parser.header is not None
                    h = parser.header
                    target = int(start_s * h.sample_rate)
                    first = chunk.index * h.frames_per_chunk * h.frame_samples
                    if first + len(chunk.packets) * h.frame_samples <= target and not chunk.last:
                        previous = chunk.packets
                        continue
                    for p in previous[-WARMUP_PACKETS:]:
                        decoder.decode(p)
                    previous = []
                    pcm = b"".join(decoder.decode(p) for p in chunk.packets)
                    pcm = pcm[max(0, target - first) * 2 :]
                    if pcm:
                        yield pcm
                if parser.problem is not None:
                    if strict:
                        raise RecordingDamagedError(parser.problem)
                    return
                if parser.finished:
                    return
                if not block:
                    if follow is None:
                        return
                    if not follow():
                        follow = None  # the writer stopped: one more pass reads its last chunk
                        continue
                    time.sleep(poll_s)
