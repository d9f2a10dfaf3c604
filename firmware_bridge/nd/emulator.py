"""Number Display adapter emulator: a sans-IO sender core and a pty runner with parity errors."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import deque
from dataclasses import dataclass

from firmware_bridge.nd.frames import ACK, ETX, NAK, STX, with_parity
from firmware_bridge.pty_link import PtyLink

RESEND_AFTER_S = 0.5


def encode_frame(body: str) -> bytes:
    """`<STX>body<ETX>` with even parity on every byte."""
    return bytes(with_parity(b) for b in bytes([STX]) + body.encode("ascii") + bytes([ETX]))


def frame_body(month: int, day: int, weekday: int, hour: int, minute: int, who: str) -> str:
    """The adapter's text: MMDD w hhmm then the number or a reason letter."""
    return f"{month:02d}{day:02d}{weekday}{hour:02d}{minute:02d}{who}"


@dataclass
class SenderStats:
    """What the emulated adapter did."""

    sent: int = 0
    resent: int = 0
    corrupted: int = 0
    acked: int = 0


class NdAdapterCore:
    """Sends one frame at a time; NAK or silence makes it resend, ACK moves on."""

    def __init__(self, parity_error_rate: float = 0.0, seed: int | None = None) -> None:
        self.pending: deque[str] = deque()
        self.rate = parity_error_rate
        self.rng = random.Random(seed)
        self.stats = SenderStats()
        self._in_flight: str | None = None
        self._sent_at = 0.0

    def queue(self, body: str) -> None:
        """Add a frame to send."""
        self.pending.append(body)

    @property
    def idle(self) -> bool:
        """True when every frame has been acknowledged."""
        return self._in_flight is None and not self.pending

    def poll(self, now: float) -> bytes:
        """Bytes to put on the wire now (a new frame or a resend after silence)."""
        if self._in_flight is None and self.pending:
            self._in_flight = self.pending.popleft()
            return self._transmit(now)
        if self._in_flight is not None and now - self._sent_at >= RESEND_AFTER_S:
            self.stats.resent += 1
            return self._transmit(now)
        return b""

    def received(self, data: bytes, now: float) -> bytes:
        """Handle host replies; returns a resend after NAK, else b""."""
        out = b""
        for byte in data:
            if self._in_flight is None:
                continue
            if byte == with_parity(ACK):
                self.stats.acked += 1
                self._in_flight = None
            elif byte == with_parity(NAK):
                self.stats.resent += 1
                out += self._transmit(now)
        return out

    def _transmit(self, now: float) -> bytes:
        assert self._in_flight is not None
        frame = bytearray(encode_frame(self._in_flight))
        if self.rng.random() < self.rate:
            spot = self.rng.randrange(1, len(frame) - 1)
            frame[spot] ^= 0x80  # flip the parity bit only: a classic line-noise parity error
            self.stats.corrupted += 1
        self.stats.sent += 1
        self._sent_at = now
        return bytes(frame)


class NdAdapterEmulator:
    """Runs NdAdapterCore on a pty: open `.path` with the driver as if it were /dev/ttyUSB0."""

    def __init__(self, parity_error_rate: float = 0.0, seed: int | None = None) -> None:
        self.core = NdAdapterCore(parity_error_rate, seed)
        self.link = PtyLink()
        self.path = self.link.path
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._wake = asyncio.Event()

    async def start(self) -> None:
        """Begin answering the host and sending queued frames."""
        loop = asyncio.get_running_loop()

        def on_reply(data: bytes) -> None:
            self.link.write(self.core.received(data, loop.time()))
            self._changed.set()
            self._wake.set()

        self.link.watch(on_reply)
        self._task = asyncio.create_task(self._pump())

    def queue(self, body: str) -> None:
        """Send a frame as soon as the one in flight is acknowledged."""
        self.core.queue(body)
        self._wake.set()

    async def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self.link.write(self.core.poll(loop.time()))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(0.02):  # resend timer granularity
                    await self._wake.wait()

    async def wait_idle(self) -> None:
        """Wait until every queued frame was ACKed (wrap in asyncio.timeout)."""
        while not self.core.idle:
            self._changed.clear()
            await self._changed.wait()

    async def stop(self) -> None:
        """Stop sending and close the pty."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.link.close()
