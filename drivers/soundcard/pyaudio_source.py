"""PyAudio capture, kept thin: device choice and rate choice are plain functions on info dicts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from drivers.soundcard.source import AudioSourceError

PREFERRED_RATES = (8000, 16000, 48000, 44100, 32000, 22050, 11025)


class DeviceNotFoundError(AudioSourceError):
    """No input device matches the configured name or index (it may be unplugged)."""


def select_device(
    devices: Sequence[Mapping[str, Any]], want: str | int | None
) -> Mapping[str, Any]:
    """The input device by index, exact name, or name substring (case-insensitive).

    With no preference, the first USB input, else the first input. Output-only devices never
    match. DeviceNotFoundError names what was asked for and what exists.
    """
    inputs = [d for d in devices if int(d.get("maxInputChannels", 0)) > 0]
    found: Mapping[str, Any] | None = None
    if want is None:
        usb = [d for d in inputs if "usb" in str(d.get("name", "")).casefold()]
        found = (usb or inputs)[0] if inputs else None
    elif isinstance(want, int) or (isinstance(want, str) and want.isdigit()):
        found = next((d for d in inputs if int(d.get("index", -1)) == int(want)), None)
    else:
        key = want.casefold()
        found = next((d for d in inputs if str(d.get("name", "")).casefold() == key), None)
        if found is None:
            found = next((d for d in inputs if key in str(d.get("name", "")).casefold()), None)
    if found is None:
        names = ", ".join(f"{d.get('index')}: {d.get('name')}" for d in inputs) or "none"
        raise DeviceNotFoundError(
            f"no audio input matches {want!r} (inputs: {names}) / "
            f"指定の音声入力が見つかりません (入力: {names})"
        )
    return found


def choose_rate(device: Mapping[str, Any], supports: Callable[[int], bool]) -> int:
    """8 kHz if the card does it, else the device default or another common rate."""
    default = int(float(device.get("defaultSampleRate", 0)) or 0)
    for rate in (8000, default, *PREFERRED_RATES):
        if rate >= 8000 and supports(rate):
            return rate
    raise DeviceNotFoundError(
        f"{device.get('name')}: no usable sample rate / 使用できるサンプルレートがありません"
    )


class PyAudioSource:
    """A PyAudio input stream; every device error surfaces as AudioSourceError."""

    def __init__(self, device: str | int | None = None, frames_per_buffer: int = 1024) -> None:
        self.name = f"sound card {device!r}" if device is not None else "sound card"
        self.rate = 0
        self._want = device
        self._fpb = frames_per_buffer
        self._pa: Any = None
        self._stream: Any = None

    def open(self) -> None:
        """Enumerate afresh (a re-plugged card gets a new index), pick the device, start capture."""
        import pyaudio

        self.close()
        pa = pyaudio.PyAudio()
        try:
            devices = [pa.get_device_info_by_index(i) for i in range(pa.get_device_count())]
            info = select_device(devices, self._want)
            index = int(info["index"])

            def supports(rate: int) -> bool:
                try:
                    return bool(
                        pa.is_format_supported(
                            rate, input_device=index, input_channels=1, input_format=pyaudio.paInt16
                        )
                    )
                except ValueError:
                    return False

            self.rate = choose_rate(info, supports)
            self._stream = pa.open(
                format=pyaudio.paInt16,
                channels=1,
                rate=self.rate,
                input=True,
                input_device_index=index,
                frames_per_buffer=self._fpb,
            )
            self.name = str(info.get("name", self.name))
        except OSError as exc:
            pa.terminate()
            raise AudioSourceError(f"{self.name}: {exc}") from exc
        except AudioSourceError:
            pa.terminate()
            raise
        self._pa = pa

    def read(self, frames: int) -> bytes:
        """Blocking read; an unplugged card raises AudioSourceError."""
        if self._stream is None:
            raise AudioSourceError(f"{self.name}: not open")
        try:
            return bytes(self._stream.read(frames, exception_on_overflow=False))
        except OSError as exc:
            raise AudioSourceError(f"{self.name}: {exc}") from exc

    def close(self) -> None:
        """Stop the stream and release PortAudio; errors from a vanished device are ignored."""
        stream, pa, self._stream, self._pa = self._stream, self._pa, None, None
        for action in (
            (lambda: stream.stop_stream()) if stream else None,
            (lambda: stream.close()) if stream else None,
            (lambda: pa.terminate()) if pa else None,
        ):
            if action is None:
                continue
            with contextlib.suppress(OSError):
                action()
