"""PyAudio adapter without hardware: device and rate choice on PortAudio's info dicts; no card."""

from __future__ import annotations

from typing import Any

import pytest

from drivers.soundcard import (
    AudioSourceError,
    DeviceNotFoundError,
    PyAudioSource,
    choose_rate,
    select_device,
)


def info(index: int, name: str, inputs: int = 1, rate: float = 48000.0) -> dict[str, Any]:
    # the keys PyAudio's get_device_info_by_index() returns
    return {
        "index": index,
        "structVersion": 2,
        "name": name,
        "hostApi": 0,
        "maxInputChannels": inputs,
        "maxOutputChannels": 2,
        "defaultLowInputLatency": 0.008,
        "defaultLowOutputLatency": 0.008,
        "defaultHighInputLatency": 0.032,
        "defaultHighOutputLatency": 0.032,
        "defaultSampleRate": rate,
    }


DEVICES = [
    info(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)"),
    info(1, "HDA Intel PCH: HDMI 0 (hw:0,3)", inputs=0),
    info(2, "USB Audio Device: - (hw:1,0)", rate=44100.0),
    info(3, "C-Media USB Headphone Set: Audio (hw:2,0)"),
    info(4, "default", inputs=32),
]


def test_select_by_index_name_and_substring() -> None:
    assert select_device(DEVICES, 3)["index"] == 3
    assert select_device(DEVICES, "3")["index"] == 3
    assert select_device(DEVICES, "default")["index"] == 4
    assert select_device(DEVICES, "c-media")["index"] == 3
    assert select_device(DEVICES, None)["index"] == 2  # first USB input


def test_output_only_or_missing_device_is_not_found() -> None:
    with pytest.raises(DeviceNotFoundError, match="HDMI"):
        select_device(DEVICES, "HDMI")
    with pytest.raises(DeviceNotFoundError, match="見つかりません"):
        select_device(DEVICES, 9)
    with pytest.raises(DeviceNotFoundError):
        select_device([], None)


def test_rate_prefers_8k_then_the_card_default() -> None:
    assert choose_rate(DEVICES[2], lambda r: True) == 8000
    assert choose_rate(DEVICES[2], lambda r: r in (44100, 48000)) == 44100
    assert choose_rate(DEVICES[0], lambda r: r == 16000) == 16000
    with pytest.raises(DeviceNotFoundError):
        choose_rate(DEVICES[0], lambda r: False)


def test_real_pyaudio_without_a_card_reports_the_device_missing() -> None:
    source = PyAudioSource("USB Audio Device")
    with pytest.raises(AudioSourceError):
        source.open()
    with pytest.raises(AudioSourceError):
        source.read(160)
    source.close()
    source.close()
