"""A WAV-file line input the product ships: demos, tests and replaying a recorded line."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

from drivers.soundcard.source import AudioSourceError


class WavFileSource:
    """Plays mono 16-bit WAV files as if a sound card captured them; can be unplugged.

    `speed` paces reads (1.0 = real time, None = as fast as asked). unplug()/replug() act like
    pulling the USB card out and putting it back: reads and opens fail while it is out.
    """

    def __init__(
        self,
        files: list[Path],
        *,
        speed: float | None = None,
        loop: bool = False,
        name: str = "wav file",
    ) -> None:
        if not files:
            raise ValueError("WavFileSource needs at least one WAV file")
        self.name = name
        self.rate = 0
        self._files = list(files)
        self._speed = speed
        self._loop = loop
        self._plugged = threading.Event()
        self._plugged.set()
        self._index = 0
        self._wav: wave.Wave_read | None = None
        self._t0 = 0.0
        self._frames_out = 0
        self.opens = 0

    def unplug(self) -> None:
        """Simulate pulling the card out."""
        self._plugged.clear()

    def replug(self) -> None:
        """Simulate putting the card back."""
        self._plugged.set()

    def open(self) -> None:
        """Open the current file; AudioSourceError while unplugged."""
        if not self._plugged.is_set():
            raise AudioSourceError(f"{self.name}: device not present")
        self._open_file()
        self.opens += 1

    def _open_file(self) -> None:
        path = self._files[self._index]
        try:
            wav = wave.open(str(path), "rb")  # noqa: SIM115 - kept open across reads
        except (OSError, EOFError, wave.Error) as exc:
            raise ValueError(f"{path}: cannot read WAV ({exc})") from exc
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            wav.close()
            raise ValueError(f"{path}: need mono 16-bit PCM WAV")
        if self.rate and wav.getframerate() != self.rate:
            wav.close()
            raise ValueError(f"{path}: all files must share one sample rate")
        self._wav, self.rate = wav, wav.getframerate()
        self._t0, self._frames_out = time.monotonic(), 0

    def read(self, frames: int) -> bytes:
        """Next PCM block; b"" after the last file (unless looping)."""
        if not self._plugged.is_set():
            self.close()
            raise AudioSourceError(f"{self.name}: device removed")
        if self._wav is None:
            raise AudioSourceError(f"{self.name}: not open")
        data = self._wav.readframes(frames)
        while len(data) < frames * 2 and self._advance():
            data += self._wav.readframes(frames - len(data) // 2)
        self._pace(len(data) // 2)
        return data

    def _advance(self) -> bool:
        if self._index + 1 >= len(self._files) and not self._loop:
            return False
        assert self._wav is not None
        self._wav.close()
        self._index = (self._index + 1) % len(self._files)
        self._open_file()
        return True

    def _pace(self, frames: int) -> None:
        self._frames_out += frames
        if self._speed:
            due = self._t0 + self._frames_out / self.rate / self._speed
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def close(self) -> None:
        """Close the file; safe to call twice."""
        if self._wav is not None:
            self._wav.close()
            self._wav = None
