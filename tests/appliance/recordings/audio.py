"""Test audio: telephone-band speech-like signals (PCM16 mono 8 kHz) and how to measure them."""

from __future__ import annotations

import numpy as np

RATE = 8000


def voice(seconds: float, f0: float = 140.0, seed: int = 1) -> bytes:
    """A voiced, syllable-modulated harmonic signal, like speech on a phone line."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    pitch = f0 * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    sig = sum(np.sin(k * phase) / k for k in range(1, 12))
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 3.1 * t) ** 2
    noise = rng.normal(0, 0.02, t.size)
    out = (sig * envelope / 2.5 + noise) * 12000
    return np.clip(out, -32768, 32767).astype("<i2").tobytes()


def tone(seconds: float, freq: float = 440.0) -> bytes:
    """A plain sine at freq."""
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * freq * t) * 10000).astype("<i2").tobytes()


def peak_hz(pcm: bytes) -> float:
    """The strongest frequency in pcm."""
    x = np.frombuffer(pcm, dtype="<i2").astype(float)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.argmax(spectrum) * RATE / x.size)
