"""Real speech for tests: espeak-ng says a sentence, resampled to 8 kHz telephone audio."""

from __future__ import annotations

import io
import subprocess
import wave

import numpy as np
from scipy.signal import resample_poly


def spoken(sentence: str, voice: str = "en-us", wpm: int = 150) -> bytes:
    """PCM16 mono 8 kHz of espeak-ng speaking sentence."""
    out = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(wpm), "--stdout", sentence],
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(out)) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    y = resample_poly(x, 8000, rate)
    return bytes(np.clip(y, -32768, 32767).astype("<i2").tobytes())
