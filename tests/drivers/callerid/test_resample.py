"""Card-rate conversion to 8 kHz: streaming equals whole, tones keep their frequency."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.callerid.resample import Resampler, to_8k


def tone(rate: int, hz: float, seconds: float = 1.0) -> np.ndarray:
    return np.sin(2 * np.pi * hz * np.arange(int(rate * seconds)) / rate)


def peak_hz(x: np.ndarray) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(spec.argmax() * 8000 / x.size)


@pytest.mark.parametrize("rate", [8000, 11025, 16000, 44100, 48000])
def test_streaming_matches_whole_and_keeps_frequency(rate: int) -> None:
    x = tone(rate, 1300.0)
    whole = Resampler(rate).feed(x)
    r = Resampler(rate)
    parts = np.concatenate([r.feed(x[i : i + 441]) for i in range(0, x.size, 441)])
    assert np.allclose(parts, whole)
    assert abs(whole.size - 8000) <= 1
    assert abs(peak_hz(whole[800:7200]) - 1300.0) < 5.0


def test_out_of_band_tone_is_removed() -> None:
    y = Resampler(48000).feed(tone(48000, 6000.0))
    assert np.sqrt(np.mean(y[400:] ** 2)) < 0.05


def test_whole_file_and_rejects_nonsense_rates() -> None:
    pcm = (tone(16000, 1200.0) * 10000).astype("<i2").tobytes()
    assert abs(to_8k(pcm, 16000).size - 8000) <= 1
    with pytest.raises(ValueError):
        Resampler(4000)
