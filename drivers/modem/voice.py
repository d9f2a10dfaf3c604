"""Voice calls on a modem: answer, play, record, hang up, dial out, auto-answer with voicemail."""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import TYPE_CHECKING

from drivers.base import DialResult, OffHook, OnHook
from drivers.modem.at import Reply
from drivers.modem.audio import MODEM_RATE, beep, s16_to_u8

if TYPE_CHECKING:
    from drivers.modem.driver import ModemDriver

# <DLE> codes that mean the far end is gone (busy/reorder, dial tone back, silence, loop break).
HANGUP_TONES = frozenset({"busy", "dialtone", "silence", "loop_break"})
_DIAL_OK = {"OK": "CONNECT", "VCON": "CONNECT", "CONNECT": "CONNECT"}
_DIALABLE = re.compile(r"^[0-9*#+,]{1,40}$")
_CHUNK = 800  # 0.1 s of 8-bit audio per write
_LEAD_S = 0.5  # how far playback may run ahead of real time (the modem's buffer)


class VoiceCalls:
    """The voice side of one ModemDriver; every operation holds one lock, in order."""

    def __init__(
        self,
        driver: ModemDriver,
        auto_answer_rings: int | None,
        greeting: bytes,
        record_s: float,
    ) -> None:
        self.driver = driver
        self.auto_answer_rings = auto_answer_rings
        self.greeting = greeting
        self.record_s = record_s
        self.state = "idle"  # idle, offhook, playing, recording
        self.tasks: list[asyncio.Task[None]] = []
        self._lock = asyncio.Lock()
        self._stop_play = False
        self._hanging = False
        self._auto = False
        self._onhook = asyncio.Event()

    @property
    def streaming(self) -> bool:
        """True during +VTX or +VRX."""
        return self.state in ("playing", "recording")

    async def _ok(self, text: str, wait_s: float | None = None) -> Reply:
        reply = await self.driver.command(text, wait_s)
        if reply.result not in ("OK", "VCON", "CONNECT"):
            raise RuntimeError(f"{text} answered {reply.result}")
        return reply

    async def answer(self) -> None:
        """Go off hook in voice mode on the ringing (or idle) line."""
        async with self._lock:
            if self.state != "idle":
                return
            await self._ok("AT+FCLASS=8")
            for cmd in (self.driver.profile.voice_format, self.driver.profile.silence_detect):
                await self.driver.command(cmd)  # a refused format still leaves the default
            await self._ok("AT+VLS=1")
            self._went_offhook()

    def _went_offhook(self) -> None:
        self.state = "offhook"
        self._onhook.clear()
        self.driver.rings.answered()
        self.driver.emit(OffHook(self.driver.line))

    async def play(self, pcm: bytes, rate: int = MODEM_RATE) -> None:
        """Play 16-bit PCM to the line (pausing a recording meanwhile)."""
        data = s16_to_u8(pcm, rate)
        async with self._lock:
            if self.state == "idle":
                raise RuntimeError(f"{self.driver.line} is on hook: answer before playing")
            resume = self.state == "recording"
            if resume:
                await self._stop_recording()
            await self._play(data)
            if resume and self.state == "offhook":
                await self._start_recording()

    async def _play(self, data: bytes) -> None:
        reply = await self.driver.command("AT+VTX")
        if reply.result != "CONNECT":
            raise RuntimeError(f"AT+VTX answered {reply.result}")
        self.state, self._stop_play = "playing", False
        loop = asyncio.get_running_loop()
        start = loop.time()
        for sent in range(0, len(data), _CHUNK):
            if self._stop_play:
                break
            self.driver.write(self.driver.at.voice(data[sent : sent + _CHUNK]))
            await self.driver.drain()
            ahead = start + (sent + _CHUNK) / MODEM_RATE - loop.time() - _LEAD_S
            if ahead > 0:
                await asyncio.sleep(ahead)
        left = max(0.0, start + len(data) / MODEM_RATE - loop.time())
        timeout = left + self.driver.command_timeout_s
        await self.driver.exchange(self.driver.at.end_playback, timeout)
        self.state = "offhook"

    async def record(self, on: bool) -> None:
        """Start or stop streaming line audio as AudioFrame events."""
        async with self._lock:
            if on and self.state == "offhook":
                await self._start_recording()
            elif on and self.state == "idle":
                raise RuntimeError(f"{self.driver.line} is on hook: answer before recording")
            elif not on and self.state == "recording":
                await self._stop_recording()

    async def _start_recording(self) -> None:
        reply = await self.driver.command("AT+VRX")
        if reply.result != "CONNECT":
            raise RuntimeError(f"AT+VRX answered {reply.result}")
        self.state = "recording"

    async def _stop_recording(self) -> None:
        code = self.driver.profile.abort_receive
        with contextlib.suppress(TimeoutError):
            await self.driver.exchange(lambda: self.driver.at.abort_receive(code))
        self.driver.at.receiving = False
        self.state = "offhook"

    async def hangup(self, remote: bool = False) -> None:
        """End the call: stop any stream, go on hook, report OnHook, back to data mode."""
        self._stop_play = True
        async with self._lock:
            if self.state == "idle":
                return
            with contextlib.suppress(TimeoutError, RuntimeError, ConnectionError):
                if self.state == "recording":
                    await self._stop_recording()
                await self.driver.command("ATH0")
            if self.state == "idle":
                return  # the device went away meanwhile and already reported the end
            self.state = "idle"
            self._onhook.set()
            self.driver.emit(OnHook(self.driver.line, remote=remote))
            with contextlib.suppress(TimeoutError, RuntimeError, ConnectionError):
                await self.driver.command("AT+FCLASS=0")

    async def dial(self, number: str) -> None:
        """Dial out in voice mode; reports DialResult (CONNECT, BUSY, NO DIALTONE, ...)."""
        digits = re.sub(r"[\s\-()]", "", number)
        if not _DIALABLE.match(digits):
            raise ValueError(f"cannot dial {number!r}: digits, * # + and , only / 番号が不正です")
        async with self._lock:
            if self.state != "idle":
                raise RuntimeError(f"{self.driver.line} is in a call / 通話中")
            await self._ok("AT+FCLASS=8")
            await self.driver.command("AT+VRA=50;+VRN=10")
            reply = await self.driver.command(f"ATDT{digits}", self.driver.dial_timeout_s)
            result = _DIAL_OK.get(reply.result, reply.result)
            self.driver.emit(DialResult(self.driver.line, result=result, number=digits))
            if result == "CONNECT":
                self._went_offhook()  # DialResult before it tells an outbound call apart
            else:
                await self.driver.command("AT+FCLASS=0")

    # -- reactions to the modem --------------------------------------------------------
    def ringing(self, count: int) -> None:
        """A ring: answer by ourselves once `auto_answer_rings` is reached."""
        rings = self.auto_answer_rings
        if rings is not None and count >= rings and self.state == "idle" and not self._auto:
            self._auto = True
            self._spawn(self._voicemail())

    def remote_gone(self, tone: str) -> None:
        """Busy / silence / dial tone / loop break while off hook: the caller hung up."""
        if self.state != "idle" and not self._hanging:
            self._hanging = True
            self._spawn(self._remote_hangup())

    def unasked(self, result: str) -> None:
        """A result code nobody asked for: NO CARRIER while off hook ends the call."""
        if result in ("NO CARRIER", "BUSY") and self.state != "idle":
            self.remote_gone(result.lower())

    def device_lost(self) -> None:
        """The port went away mid-call: the call is over for us."""
        self._stop_play = True
        if self.state != "idle":
            self.state = "idle"
            self._onhook.set()
            self.driver.emit(OnHook(self.driver.line, remote=False))

    async def _remote_hangup(self) -> None:
        try:
            await self.hangup(remote=True)
        finally:
            self._hanging = False

    async def _voicemail(self) -> None:
        try:
            await self.answer()
            if self.greeting:
                await self.play(self.greeting)
            await self.play(beep(0.4))
            await self.record(True)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.record_s):
                    await self._onhook.wait()
            await self.hangup(remote=False)
        except (RuntimeError, TimeoutError, ConnectionError):
            await self.hangup(remote=False)  # never raises: the call just ends
        finally:
            self._auto = False

    def _spawn(self, coro: object) -> None:
        assert asyncio.iscoroutine(coro)
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.append(task)
        task.add_done_callback(self.tasks.remove)
