"""The desk's Player on a stream made in memory (the box's part is in test_recording_player):
it plays to the end, pause holds the position, seeks stay inside the recording, speeds are
the listed ones, and the WAV-file output keeps what was heard."""

from __future__ import annotations

import wave
from collections.abc import AsyncGenerator
from pathlib import Path

import pytest

from tests.tui.conftest import until
from tui.audio.outputs import NullOutput, WavFileOutput
from tui.audio.player import SPEEDS, Fetch, Player

RATE = 8000


def _pcm(seconds: float) -> bytes:
    """A ramp (every sample different) so a wrong offset shows."""
    n = int(seconds * RATE)
    return b"".join(((i * 7) % 20000 - 10000).to_bytes(2, "little", signed=True) for i in range(n))


def _source(pcm: bytes, starts: list[float]) -> Fetch:
    async def fetch(start_s: float) -> AsyncGenerator[bytes, None]:
        starts.append(start_s)
        offset = int(start_s * RATE) * 2
        for i in range(offset, len(pcm), 3000):  # odd block sizes, as the network cuts them
            yield pcm[i : i + 3000]

    return fetch


async def test_plays_to_the_end_through_a_wav_file(tmp_path: Path) -> None:
    pcm = _pcm(1.0)
    out = WavFileOutput(tmp_path / "heard.wav")
    player = Player(_source(pcm, []), out, duration_s=1.0, rate=RATE)
    await player.set_speed(2.0)
    await player.play()
    await until(lambda: player.ended, show=lambda: vars(player))
    assert not player.playing and player.position_s == pytest.approx(1.0)
    with wave.open(str(out.close_file())) as w:
        assert w.getframerate() == RATE and w.readframes(w.getnframes()) == pcm
    assert out.rate == 16000  # twice as fast: the output ran at twice the rate


async def test_pause_holds_and_seek_restarts_the_stream_there() -> None:
    starts: list[float] = []
    output = NullOutput()
    player = Player(_source(_pcm(12.0), starts), output, duration_s=12.0, rate=RATE)
    await player.play()
    await until(lambda: player.position_s >= 0.3)
    await player.pause()
    held = player.position_s
    heard = output.samples
    await player.seek(0.0)  # paused: nothing is fetched
    assert player.position_s == held and starts == [0.0]
    await player.seek(5.0)
    await player.seek(100.0)
    assert player.position_s == 12.0  # not past the end
    await player.seek(-100.0)
    assert player.position_s == 0.0
    assert output.samples == heard  # nothing played while paused
    await player.seek(4.0)
    await player.play()
    await until(lambda: starts == [0.0, 4.0])  # playing again fetches from the position
    await until(lambda: player.position_s >= 4.2)
    await player.seek(-5.0)  # while playing: the stream restarts there
    await until(lambda: starts[-1] == 0.0)
    assert player.playing
    await until(lambda: 0.1 <= player.position_s < 4.0, show=lambda: player.position_s)
    await player.close()
    assert not player.playing


async def test_speeds_are_the_listed_ones() -> None:
    player = Player(_source(b"", []), NullOutput(), rate=RATE)
    seen = [await player.next_speed() for _ in SPEEDS]
    assert sorted(seen) == sorted(SPEEDS) and seen[-1] == 1.0
    with pytest.raises(ValueError, match="speed must be one of"):
        await player.set_speed(3.0)
