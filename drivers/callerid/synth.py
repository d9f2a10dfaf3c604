"""Caller-ID signal generator (frames, FSK and DTMF audio) for simulators, demos and tests."""

from __future__ import annotations

import numpy as np

from drivers.callerid.dtmf import COLS, KEYS, ROWS
from drivers.callerid.fsk import BELL202, FskMode
from drivers.callerid.jclip import CALLERID, DLE, ETX, HEADER, SOH, STX, crc16_kermit

RATE = 8000


def mdmf(fields: list[tuple[int, bytes]], msg_type: int = 0x80) -> bytes:
    """A Bellcore/ETSI multiple-data-message frame with its checksum."""
    body = b"".join(bytes([c, len(v)]) + v for c, v in fields)
    frame = bytes([msg_type, len(body)]) + body
    return frame + bytes([(-sum(frame)) & 0xFF])


def sdmf(body: bytes, msg_type: int = 0x04) -> bytes:
    """A single-data-message frame (date/time and number) with its checksum."""
    frame = bytes([msg_type, len(body)]) + body
    return frame + bytes([(-sum(frame)) & 0xFF])


def with_parity(byte: int) -> int:
    """7-bit character with its even-parity bit on top."""
    return (byte & 0x7F) | (0x80 if bin(byte & 0x7F).count("1") % 2 else 0)


def jclip(fields: list[tuple[int, bytes]], msg_type: int = CALLERID) -> bytes:
    """An NTT Number Display frame: DLE framing, stuffing, parity and CRC-16 as on the line."""
    body = b"".join(bytes([c, len(v)]) + v for c, v in fields)
    payload = bytes([msg_type, len(body)]) + body
    sent = [with_parity(HEADER), with_parity(DLE), with_parity(STX)]
    for b in payload:
        if b & 0x7F == DLE:
            sent.append(with_parity(DLE))
        sent.append(with_parity(b))
    sent += [with_parity(DLE), with_parity(ETX)]
    crc = crc16_kermit(bytes(sent))
    return bytes([with_parity(DLE), with_parity(SOH), *sent, crc & 0xFF, crc >> 8])


def fsk(
    data: bytes,
    mode: FskMode = BELL202,
    *,
    seizure: int = 300,
    marks: int = 180,
    stop_bits: int = 1,
    level: float = 0.18,
    shift_hz: float = 0.0,
) -> np.ndarray:
    """Phase-continuous FSK: seizure (0101...), mark run, then start/8 data/stop bits per byte."""
    bits = [i % 2 for i in range(seizure)] + [1] * marks
    for b in data:
        bits += [0, *((b >> k) & 1 for k in range(8)), *([1] * stop_bits)]
    bits += [1] * 5
    per = RATE / mode.baud
    n = int(len(bits) * per)
    idx = (np.arange(n) / per).astype(int)
    tone = np.where(np.asarray(bits)[idx] == 1, mode.mark_hz, mode.space_hz) + shift_hz
    return level * np.sin(np.cumsum(2 * np.pi * tone / RATE))


def dtmf(keys: str, on_ms: int = 70, off_ms: int = 70, level: float = 0.2) -> np.ndarray:
    """DTMF key presses at a steady cadence (two tones per key, equal level)."""
    t = np.arange(int(RATE * on_ms / 1000)) / RATE
    gap = np.zeros(int(RATE * off_ms / 1000))
    parts = []
    for key in keys:
        row = next(i for i, r in enumerate(KEYS) if key in r)
        col = KEYS[row].index(key)
        tone = np.sin(2 * np.pi * ROWS[row] * t) + np.sin(2 * np.pi * COLS[col] * t)
        parts += [level * tone, gap]
    return np.concatenate(parts) if parts else np.zeros(0)


def silence(seconds: float) -> np.ndarray:
    """Digital silence."""
    return np.zeros(int(RATE * seconds))


def noise(x: np.ndarray, snr_db: float, seed: int = 1) -> np.ndarray:
    """x plus white noise at the given SNR relative to x's active (non-silent) power."""
    active = x[np.abs(x) > 1e-9]
    power = float(np.mean(active**2)) if active.size else 1e-6
    rng = np.random.default_rng(seed)
    return x + rng.normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), x.size)


def to_pcm16(x: np.ndarray) -> bytes:
    """Float samples (full scale 1.0) to signed 16-bit little-endian PCM, clipped."""
    return bytes((np.clip(x, -1.0, 1.0) * 32767).astype("<i2").tobytes())
