"""Where the desk's player sends PCM16 mono: the sound card (pyaudio), a WAV file, or nowhere.
Every output takes audio at the pace it would be heard, so the player's position is real."""

from __future__ import annotations

import logging
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from tui.audio.quiet import quiet_sound_libraries

log = logging.getLogger(__name__)


class AudioOutput(Protocol):
    """A sink for PCM16 mono; write() returns once the audio has been (or would be) heard."""

    def open(self, rate: int) -> None:
        """Start taking audio at rate samples per second (the player's speed is in rate)."""
        ...

    def write(self, pcm: bytes) -> None:
        """Play pcm; blocks for about as long as it sounds."""
        ...

    def close(self) -> None:
        """Stop (the next open() starts afresh)."""
        ...


class Paced:
    """Blocks each write for its playing time at the open rate (outputs without a clock)."""

    def __init__(self) -> None:
        self.rate = 8000
        self._due = 0.0

    def _pace(self, pcm: bytes) -> None:
        now = time.monotonic()
        self._due = max(self._due, now) + len(pcm) / 2 / self.rate
        if self._due > now:
            time.sleep(self._due - now)


class NullOutput(Paced):
    """No sound hardware: the audio is timed as if played, and counted."""

    def __init__(self) -> None:
        super().__init__()
        self.samples = 0
        self.rates: list[int] = []

    def open(self, rate: int) -> None:
        """Remember the rate."""
        self.rate, self._due = rate, 0.0
        self.rates.append(rate)

    def write(self, pcm: bytes) -> None:
        """Count and wait."""
        self.samples += len(pcm) // 2
        self._pace(pcm)

    def close(self) -> None:
        """Nothing to release."""


class WavFileOutput(Paced):
    """Keeps what is played and writes it as a WAV file (8 kHz whatever the speed) when
    close_file() is called; timed as heard."""

    def __init__(self, path: Path, source_rate: int = 8000) -> None:
        super().__init__()
        self.path, self.source_rate = Path(path), source_rate
        self._pcm = bytearray()
        self._lock = threading.Lock()

    def open(self, rate: int) -> None:
        """Take audio at rate (the file keeps the source rate)."""
        self.rate, self._due = rate, 0.0

    def write(self, pcm: bytes) -> None:
        """Keep and wait."""
        with self._lock:
            self._pcm += pcm
        self._pace(pcm)

    def close(self) -> None:
        """Paused or stopped: more may follow."""

    def close_file(self) -> Path:
        """Write the WAV file of everything played so far; its path."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, wave.open(str(self.path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.source_rate)
            wav.writeframes(bytes(self._pcm))
        return self.path


class PyAudioOutput:
    """The desk's sound card; speed is the stream's sample rate (pitch follows, as on tape)."""

    def __init__(self, device: int | None = None) -> None:
        import pyaudio

        quiet_sound_libraries()
        self._pa = pyaudio.PyAudio()
        self._device = device
        self._stream: Any = None
        self._lock = threading.Lock()

    def open(self, rate: int) -> None:
        """A blocking output stream at rate."""
        import pyaudio

        with self._lock:
            self._close()
            self._stream = self._pa.open(
                format=pyaudio.paInt16,
                channels=1,
                rate=rate,
                output=True,
                output_device_index=self._device,
            )

    def write(self, pcm: bytes) -> None:
        """Blocks while the card plays it."""
        with self._lock:
            if self._stream is not None:
                self._stream.write(pcm)

    def _close(self) -> None:
        if self._stream is not None:
            self._stream.stop_stream()
            self._stream.close()
            self._stream = None

    def close(self) -> None:
        """Release the stream."""
        with self._lock:
            self._close()


def probe_output() -> AudioOutput:
    """The sound card when pyaudio finds an output device, else NullOutput (said in the log);
    the libraries' console messages are silenced first (they would land in the UI)."""
    quiet_sound_libraries()
    try:
        import pyaudio

        pa = pyaudio.PyAudio()
        try:
            pa.get_default_output_device_info()
        finally:
            pa.terminate()
        return PyAudioOutput()
    except (ImportError, OSError) as exc:
        log.info("no sound output on this desk (%s): playback is timed but silent", exc)
        return NullOutput()


class FirstOpenOutput:
    """An output chosen by probe() at the first open(), which the player runs in a thread, so
    opening a screen never waits for the sound card; the choice is kept."""

    def __init__(self, probe: Callable[[], AudioOutput] = probe_output) -> None:
        self._probe = probe
        self._lock = threading.Lock()
        self.chosen: AudioOutput | None = None

    def open(self, rate: int) -> None:
        """Probe once, then open the chosen output at rate."""
        with self._lock:
            if self.chosen is None:
                self.chosen = self._probe()
            chosen = self.chosen
        chosen.open(rate)

    def write(self, pcm: bytes) -> None:
        """Play pcm on the chosen output (nothing before the first open)."""
        if self.chosen is not None:
            self.chosen.write(pcm)

    def close(self) -> None:
        """Close the chosen output, if any."""
        if self.chosen is not None:
            self.chosen.close()


def default_output() -> AudioOutput:
    """The desk's output: the sound card if one is found when playback first starts, else
    silent timing (no probing now, on the event loop)."""
    return FirstOpenOutput()
