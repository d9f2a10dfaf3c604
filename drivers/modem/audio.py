"""Voice sample formats: the modem's 8-bit unsigned linear PCM <-> 16-bit signed PCM."""

from __future__ import annotations

import array
import sys

MODEM_RATE = 8000


def u8_to_s16(data: bytes) -> bytes:
    """8-bit unsigned linear (128 = silence) to signed 16-bit little-endian."""
    out = array.array("h", ((b - 128) << 8 for b in data))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def s16_to_u8(pcm: bytes, rate: int = MODEM_RATE) -> bytes:
    """Signed 16-bit little-endian at `rate` Hz to 8-bit unsigned at 8000 Hz (nearest sample)."""
    if rate <= 0:
        raise ValueError(f"sample rate must be positive, not {rate}")
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if rate != MODEM_RATE:
        n = len(samples) * MODEM_RATE // rate
        samples = array.array("h", (samples[k * rate // MODEM_RATE] for k in range(n)))
    return bytes(((s >> 8) + 128) & 0xFF for s in samples)


def beep(seconds: float = 0.5, hz: int = 1000) -> bytes:
    """A tone as 16-bit PCM at 8000 Hz (a square wave is enough for a 'leave a message' beep)."""
    n = int(seconds * MODEM_RATE)
    period = max(2, MODEM_RATE // hz)
    out = array.array("h", (8000 if (k % period) < period // 2 else -8000 for k in range(n)))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()
