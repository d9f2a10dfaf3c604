"""Opus for 8 kHz telephone audio: PCM16 in, packets out (and back), 20 ms frames."""

from __future__ import annotations

from typing import Any

from appliance.recordings.errors import CodecUnavailableError

SAMPLE_RATE = 8000
FRAME_SAMPLES = 160  # 20 ms at 8 kHz
FRAME_BYTES = FRAME_SAMPLES * 2
DEFAULT_BITRATE = 12000  # narrowband speech: ~5.4 MB per hour before framing


def _opus() -> Any:
    try:
        import opuslib_next  # type: ignore[import-untyped]
    except Exception as exc:  # the binding raises a bare Exception when libopus is absent
        raise CodecUnavailableError(
            "音声コーデック libopus がありません (apt-get install libopus0) / the libopus codec "
            f"is not installed (apt-get install libopus0): {exc}"
        ) from None
    return opuslib_next


class FrameEncoder:
    """Buffers PCM16 mono 8 kHz bytes of any length; emits one Opus packet per 20 ms frame."""

    def __init__(self, bitrate: int = DEFAULT_BITRATE, complexity: int = 5) -> None:
        opus = _opus()
        self._enc = opus.Encoder(SAMPLE_RATE, 1, opus.APPLICATION_VOIP)
        self._enc.bitrate = bitrate
        self._enc.complexity = complexity
        self._buf = bytearray()
        self.samples_in = 0

    def feed(self, pcm: bytes) -> list[bytes]:
        """Packets for every complete frame now buffered (a partial frame waits for more)."""
        self._buf += pcm
        out = []
        while len(self._buf) >= FRAME_BYTES:
            frame = bytes(self._buf[:FRAME_BYTES])
            del self._buf[:FRAME_BYTES]
            out.append(self._enc.encode(frame, FRAME_SAMPLES))
            self.samples_in += FRAME_SAMPLES
        return out

    def flush(self) -> list[bytes]:
        """The last partial frame padded with silence (a trailing odd byte is dropped)."""
        if len(self._buf) < 2:
            self._buf.clear()
            return []
        self._buf += bytes(FRAME_BYTES - len(self._buf))
        return self.feed(b"")


class PacketDecoder:
    """Opus packets back to PCM16 mono 8 kHz; a fresh decoder may start at any packet."""

    def __init__(self) -> None:
        self._dec = _opus().Decoder(SAMPLE_RATE, 1)

    def decode(self, packet: bytes) -> bytes:
        """One frame of PCM16 (320 bytes) from one packet."""
        pcm: bytes = self._dec.decode(packet, FRAME_SAMPLES)
        return pcm
