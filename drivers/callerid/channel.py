"""A caller-ID line as the standards allow it: an FSK transmitter off by its tolerances and a
telephone channel (band limit, mains hum, sound-card clock, clipping, noise) — numpy only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 8000
FULL_SCALE_DBM0 = 3.14  # a full-scale sine in G.711 is +3.14 dBm0


@dataclass(frozen=True)
class Line:
    """Transmitter and channel settings; the defaults are a perfect line at -13 dBm0."""

    baud_error: float = 0.0  # +0.01: bits 1 % fast
    tone_error: float = 0.0  # +0.01: mark and space 1 % high
    offset_hz: float = 0.0  # line frequency offset added to both tones
    stop_bits: tuple[int, int] = (1, 1)  # mark bits after each character: from .. to (random)
    level_dbm0: float = -13.0
    band_limit: bool = False  # 300-3400 Hz
    hum_hz: float = 0.0  # 50 or 60: mains hum (with its 3rd harmonic) HUM_DB below the signal
    clock_error: float = 0.0  # +0.005: the sound card samples 0.5 % fast
    clip: float = 0.0  # 0.1: the top 10 % of the signal's peak is clipped off
    snr_db: float | None = None  # white noise over 0-4 kHz against the burst's power


HUM_DB = 32.0


def modulate(
    data: bytes,
    mark_hz: float,
    space_hz: float,
    line: Line,
    *,
    baud: float = 1200.0,
    seizure: int = 300,
    marks: int = 180,
    seed: int = 0,
) -> np.ndarray:
    """Phase-continuous FSK of `data` (start, 8 data bits LSB first, stop bits) at full scale."""
    rng = np.random.default_rng(seed)
    bits = [i % 2 for i in range(seizure)] + [1] * marks
    lo, hi = line.stop_bits
    for b in data:
        bits += [0, *((b >> k) & 1 for k in range(8))]
        bits += [1] * int(rng.integers(lo, hi + 1))
    bits += [1] * 10
    per = RATE / (baud * (1 + line.baud_error))
    n = int(len(bits) * per)
    idx = np.minimum((np.arange(n) / per).astype(int), len(bits) - 1)
    scale = 1 + line.tone_error
    tone = np.where(np.asarray(bits)[idx] == 1, mark_hz * scale, space_hz * scale)
    return np.sin(np.cumsum(2 * np.pi * (tone + line.offset_hz) / RATE))


def _band_limit(x: np.ndarray) -> np.ndarray:
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(x.size, 1 / RATE)
    gain = np.clip((f - 250) / 100, 0, 1) * np.clip((3450 - f) / 100, 0, 1)
    return np.fft.irfft(spec * gain, x.size)


def through(burst: np.ndarray, line: Line, *, seed: int = 0, lead_s: float = 0.2) -> np.ndarray:
    """The burst as the decoder hears it: level, channel, clock, clipping, hum and noise."""
    amp = 10 ** ((line.level_dbm0 - FULL_SCALE_DBM0) / 20)
    x = np.concatenate([np.zeros(int(lead_s * RATE)), amp * burst, np.zeros(int(0.5 * RATE))])
    if line.band_limit:
        x = _band_limit(x)
    if line.clip:
        peak = (1 - line.clip) * np.abs(x).max()
        x = np.clip(x, -peak, peak)
    if line.clock_error:
        n = int(x.size / (1 + line.clock_error))
        x = np.interp(np.arange(n) * (1 + line.clock_error), np.arange(x.size), x)
    power = amp**2 / 2
    t = np.arange(x.size) / RATE
    if line.hum_hz:
        hum_amp = np.sqrt(2 * power) * 10 ** (-HUM_DB / 20)
        x = x + hum_amp * (
            np.sin(2 * np.pi * line.hum_hz * t) + 0.3 * np.sin(6 * np.pi * line.hum_hz * t)
        )
    if line.snr_db is not None:
        rng = np.random.default_rng(seed)
        x = x + rng.normal(0.0, np.sqrt(power / 10 ** (line.snr_db / 10)), x.size)
    return np.asarray(np.clip(x, -1.0, 1.0), dtype=float)
