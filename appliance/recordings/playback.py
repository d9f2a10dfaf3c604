"""Playback and WAV export: PCM from any second (following a live recording), role-checked."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from appliance.core.actor import Actor
from appliance.recordings.access import authorize
from appliance.recordings.codec import SAMPLE_RATE
from appliance.recordings.errors import RecordingError
from appliance.recordings.reader import RecordingReader
from appliance.recordings.store import RecordingStore
from appliance.vault.atomic import atomic_write


@dataclass
class Playback:
    """An authorised recording: its length so far, whether it is live, and its PCM."""

    recording_id: int
    uid: str
    reader: RecordingReader
    seconds: float
    live: bool
    _store: RecordingStore
    sample_rate: int = SAMPLE_RATE

    def pcm(self, start_s: float = 0.0) -> Iterator[bytes]:
        """PCM16 mono blocks from start_s (seek); a live recording is followed until it ends."""
        follow = (lambda: self._store.is_active(self.uid)) if self.live else None
        return self.reader.pcm(start_s, follow=follow)


def open_playback(rstore: RecordingStore, actor: Actor, recording_id: int) -> Playback:
    """Authorise (manager/admin; audited "play") and open a recording for streaming."""
    store = rstore.box.store
    if store is None or rstore.box.locked:
        raise RecordingError("ロック中は再生できません / the box is locked: unlock it to play")
    row = store.executor.call(authorize, actor, recording_id, "play")
    reader = RecordingReader(rstore.path_of(row.file), bytes(row.file_key))
    live = rstore.is_active(row.uid)
    seconds = reader.verify().seconds
    return Playback(int(row.id), str(row.uid), reader, seconds, live, rstore)


def wav_header(samples: int, rate: int = SAMPLE_RATE) -> bytes:
    """A 44-byte PCM16 mono WAV header for that many samples."""
    data = samples * 2
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
        + b"data"
        + struct.pack("<I", data)
    )


def wav_stream(rstore: RecordingStore, actor: Actor, recording_id: int) -> Iterator[bytes]:
    """A WAV file as bytes blocks (for the API to send): authorised and audited "export".
    The recording must be authentic up to its end; a damaged chunk raises before any byte."""
    store = rstore.box.store
    if store is None or rstore.box.locked:
        raise RecordingError("ロック中は書き出せません / the box is locked: unlock to export")
    row = store.executor.call(authorize, actor, recording_id, "export")
    reader = RecordingReader(rstore.path_of(row.file), bytes(row.file_key))
    check = reader.verify()
    if check.problem:
        raise RecordingError(check.problem)
    samples = round(check.seconds * SAMPLE_RATE)

    def blocks() -> Iterator[bytes]:
        yield wav_header(samples)
        yield from reader.pcm()

    return blocks()


def export_wav(
    rstore: RecordingStore, actor: Actor, recording_id: int, out: Path, data_dir: Path | None = None
) -> Path:
    """Write the recording as a WAV file at out (outside the data and recordings directories:
    a WAV is plain audio). Manager/admin only; audited."""
    out = Path(out).resolve()
    for inside in (rstore.root, data_dir):
        if inside is not None and out.is_relative_to(Path(inside).resolve()):
            raise RecordingError(
                "WAV は暗号化されないため、データディレクトリの外に書いてください / a WAV is not "
                f"encrypted: write it outside {inside}"
            )
    atomic_write(out, b"".join(wav_stream(rstore, actor, recording_id)))
    return out
