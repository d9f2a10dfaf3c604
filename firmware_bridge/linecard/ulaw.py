"""G.711 µ-law ⇄ 16-bit linear PCM (little-endian), table driven."""

from __future__ import annotations

import numpy as np

_BIAS = 0x84
_CLIP = 32635


def _decode_one(u: int) -> int:
    u = ~u & 0xFF
    magnitude = ((((u & 0x0F) << 3) + _BIAS) << ((u >> 4) & 7)) - _BIAS
    return -magnitude if u & 0x80 else magnitude


def _encode_one(sample: int) -> int:
    sign = 0x80 if sample < 0 else 0
    magnitude = min(-sample if sign else sample, _CLIP) + _BIAS
    exponent = max(magnitude.bit_length() - 8, 0)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


_DECODE = np.array([_decode_one(u) for u in range(256)], dtype="<i2")
_ENCODE = np.array([_encode_one(s) for s in range(-32768, 32768)], dtype=np.uint8)


def decode(ulaw: bytes) -> bytes:
    """µ-law bytes → s16le PCM bytes."""
    return _DECODE[np.frombuffer(ulaw, dtype=np.uint8)].tobytes()


def encode(pcm: bytes) -> bytes:
    """s16le PCM bytes → µ-law bytes (a trailing odd byte is ignored)."""
    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.int32)
    return _ENCODE[samples + 32768].tobytes()
