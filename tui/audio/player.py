"""The recording player: play/pause, seek, speed, position; audio streamed from the box from
the position on (a restart of the stream is a seek), played through an AudioOutput."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Callable

from tui.audio.outputs import AudioOutput
from tui.client.errors import DeskError

log = logging.getLogger(__name__)
SPEEDS = (0.75, 1.0, 1.5, 2.0)
SEEK_S = 5.0
PIECE_S = 0.1  # position moves in steps this long (and pause takes effect within one)
Fetch = Callable[[float], AsyncGenerator[bytes, None]]  # PCM16 mono from a second on


class Player:
    """One recording's playback; every method is called on the event loop."""

    def __init__(
        self,
        fetch: Fetch,
        output: AudioOutput,
        *,
        duration_s: float = 0.0,
        rate: int = 8000,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.fetch, self.output, self.rate = fetch, output, rate
        self.duration_s = duration_s  # grows while the call is still being recorded
        self.position_s = 0.0
        self.speed = 1.0
        self.playing = False
        self.ended = False
        self.error: str = ""
        self.on_change = on_change
        self._task: asyncio.Task[None] | None = None

    async def play(self) -> None:
        """Start (or resume) from the position; at the end, from the start again."""
        if self.playing:
            return
        if self.ended:
            self.position_s, self.ended = 0.0, False
        self.playing, self.error = True, ""
        self._task = asyncio.create_task(self._run(), name="player")
        self.on_change()

    async def pause(self) -> None:
        """Stop where it is (the position stays)."""
        self.playing = False
        await self._halt()
        self.on_change()

    async def toggle(self) -> None:
        """Play or pause."""
        await (self.pause() if self.playing else self.play())

    async def seek(self, delta_s: float) -> None:
        """Move by delta_s within the recording (a playing stream restarts there)."""
        end = max(self.duration_s, self.position_s)
        self.position_s = min(max(0.0, self.position_s + delta_s), end)
        self.ended = False
        await self._restart()

    async def set_speed(self, speed: float) -> None:
        """One of SPEEDS (anything else: ValueError)."""
        if speed not in SPEEDS:
            raise ValueError(f"speed must be one of {SPEEDS}, not {speed}")
        self.speed = speed
        await self._restart()

    async def next_speed(self) -> float:
        """The next of SPEEDS, around."""
        i = SPEEDS.index(self.speed) if self.speed in SPEEDS else 0
        await self.set_speed(SPEEDS[(i + 1) % len(SPEEDS)])
        return self.speed

    async def close(self) -> None:
        """Stop and release the output."""
        self.playing = False
        await self._halt()

    async def _restart(self) -> None:
        if self.playing:
            await self._halt()
            self._task = asyncio.create_task(self._run(), name="player")
        self.on_change()

    async def _halt(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _write(self, piece: bytes) -> None:
        # the output is not closed under a write in flight: a cancel waits for the piece
        job = asyncio.ensure_future(asyncio.to_thread(self.output.write, piece))
        try:
            await asyncio.shield(job)
        except asyncio.CancelledError:
            await job
            raise

    async def _run(self) -> None:
        size = int(self.rate * PIECE_S) * 2
        buf = bytearray()
        stream = self.fetch(self.position_s)  # nothing runs until the first block is asked
        try:
            await asyncio.to_thread(self.output.open, round(self.rate * self.speed))
            async for block in stream:
                buf += block
                while len(buf) >= size:
                    await self._play_piece(bytes(buf[:size]))
                    del buf[:size]
            if buf:
                await self._play_piece(bytes(buf[: len(buf) // 2 * 2]))
            self.playing, self.ended = False, True
        except DeskError as exc:
            self.playing, self.error = False, str(exc)
        finally:
            await stream.aclose()  # a pause or seek ends the box's stream now, not at GC
            await asyncio.to_thread(self.output.close)
        self.on_change()

    async def _play_piece(self, piece: bytes) -> None:
        await self._write(piece)
        self.position_s += len(piece) / 2 / self.rate
        self.duration_s = max(self.duration_s, self.position_s)
        self.on_change()
