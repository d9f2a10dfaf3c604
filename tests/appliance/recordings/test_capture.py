"""Capture and read back: compression, seek, live following, a cut-short file, a full disk."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from appliance.recordings.capture import AudioWriter
from appliance.recordings.errors import RecordingDamagedError, StorageError
from appliance.recordings.reader import RecordingReader
from tests.appliance.recordings.audio import peak_hz, tone, voice

KEY = os.urandom(32)


def _record(path: Path, pcm: bytes, step: int = 1234, **kw: object) -> AudioWriter:
    writer = AudioWriter(path, KEY, os.urandom(16), **kw)  # type: ignore[arg-type]
    for i in range(0, len(pcm), step):
        writer.write(pcm[i : i + step])
    writer.close()
    return writer


def test_round_trip_keeps_length_and_pitch(tmp_path: Path) -> None:
    path = tmp_path / "a.rdrec"
    pcm = tone(3.05, 440.0)
    writer = _record(path, pcm)
    check = RecordingReader(path, KEY).verify()
    assert check.ok and check.chunks == 4  # 3 full one-second chunks and the last one
    out = b"".join(RecordingReader(path, KEY).pcm())
    assert len(pcm) <= len(out) < len(pcm) + 320  # the last frame is padded with silence
    assert abs(peak_hz(out[1600:-1600]) - 440.0) < 5
    assert writer.seconds == pytest.approx(len(out) / 16000)


def test_speech_compresses_within_budget(tmp_path: Path) -> None:
    path = tmp_path / "v.rdrec"
    _record(path, voice(30.0))
    mb_per_hour = path.stat().st_size * 120 / 1e6
    assert mb_per_hour <= 10.0


def test_seek_starts_mid_chunk(tmp_path: Path) -> None:
    path = tmp_path / "s.rdrec"
    pcm = tone(2.0, 300.0) + tone(2.0, 1200.0)
    _record(path, pcm)
    full = b"".join(RecordingReader(path, KEY).pcm())
    from_25 = b"".join(RecordingReader(path, KEY).pcm(2.5))
    assert len(from_25) == len(full) - 2 * 20000
    assert abs(peak_hz(from_25[:8000]) - 1200.0) < 10
    assert b"".join(RecordingReader(path, KEY).pcm(99.0)) == b""


def test_tampered_file_is_reported_and_the_good_part_still_plays(tmp_path: Path) -> None:
    path = tmp_path / "t.rdrec"
    _record(path, voice(3.0))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    check = RecordingReader(path, KEY).verify()
    assert not check.ok and check.problem is not None and "fails authentication" in check.problem
    with pytest.raises(RecordingDamagedError, match="tampered"):
        b"".join(RecordingReader(path, KEY).pcm())
    partial = b"".join(RecordingReader(path, KEY).pcm(strict=False))
    assert 0 < len(partial) < 3 * 16000


def test_cut_short_file_plays_to_its_last_whole_chunk(tmp_path: Path) -> None:
    path = tmp_path / "c.rdrec"
    writer = AudioWriter(path, KEY, os.urandom(16))
    writer.write(voice(2.5))  # two whole chunks on disk, half a second buffered
    size = path.stat().st_size
    with open(path, "ab") as fh:  # a power cut in the middle of the third chunk's write
        fh.write(b"RC\x00\x00\x00\x02\x00\x00\x00\x01\x00")
    check = RecordingReader(path, KEY).verify()
    assert not check.finished and check.problem is None and check.chunks == 2
    assert check.seconds == 2.0 and check.torn_bytes == 11
    assert "cut short" in check.describe() and size < path.stat().st_size
    assert len(b"".join(RecordingReader(path, KEY).pcm())) == 2 * 16000


def test_a_live_recording_can_be_followed_while_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "l.rdrec"
    writer = AudioWriter(path, KEY, os.urandom(16), chunk_seconds=0.2)
    pcm = voice(1.6)
    done = threading.Event()

    def speak() -> None:
        for i in range(0, len(pcm), 3200):  # 0.1 s at a time, like a sound card
            writer.write(pcm[i : i + 3200])
            time.sleep(0.02)
        writer.close()
        done.set()

    thread = threading.Thread(target=speak)
    thread.start()
    got = b"".join(RecordingReader(path, KEY).pcm(follow=lambda: not done.is_set(), poll_s=0.01))
    thread.join()
    assert len(got) == len(pcm)


FULL_DISK = """
import os, resource, signal, sys
from pathlib import Path
from appliance.recordings.capture import AudioWriter
from appliance.recordings.errors import StorageError
from tests.appliance.recordings.audio import voice
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))  # the disk fills at 6 kB
writer = AudioWriter(Path(sys.argv[1]), bytes(32), os.urandom(16))
try:
    writer.write(voice(10.0))
except StorageError as exc:
    print(f"{writer.seconds}|{exc}")
"""


def test_full_disk_gives_a_clear_message_and_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "full.rdrec"
    out = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[3],
    )
    seconds, message = out.stdout.strip().split("|", 1)
    assert "disk is full" in message and "ディスクが一杯" in message
    check = RecordingReader(path, bytes(32)).verify()
    assert check.problem is None and check.seconds == float(seconds) > 0


def test_removed_drive_gives_a_clear_message(tmp_path: Path) -> None:
    gone = tmp_path / "usb" / "r.rdrec"
    with pytest.raises(StorageError, match="drive is gone"):
        AudioWriter(gone, KEY, os.urandom(16))
