"""ModemDriver: a LineDriver for an AT voice modem over pyserial, reconnecting when it vanishes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence

import serial

from drivers.base import (
    RING_TIMEOUT_S,
    Answer,
    AudioFrame,
    DeviceStatus,
    Dial,
    HangUp,
    LineCommand,
    LineEvent,
    Play,
    Record,
    ToneEvent,
)
from drivers.modem.at import AtItem, AtSession, Echo, Progress, Reply, RingLine, VoiceData
from drivers.modem.audio import u8_to_s16
from drivers.modem.profiles import (
    GENERIC,
    IDENTIFY_COMMANDS,
    Chipset,
    detect,
    init_commands,
)
from drivers.modem.profiles import chipset as find_chipset
from drivers.modem.ringing import RingTracker
from drivers.modem.transport import SerialTransport, candidates
from drivers.modem.voice import HANGUP_TONES, VoiceCalls


class ModemDriver:
    """One voice modem on one phone line.

    line: the line's name in events ("line1"). devices: a path, a glob ("/dev/ttyACM*") or a
    list of them, tried in order (a USB modem comes back renumbered). chipset: a profile key
    (conexant, usr5637, agere, silabs, rockwell, generic) or "auto" (from ATI0/ATI3/AT+GMM).
    region: "JP" enables NTT Number Display where the chipset can; other values the default
    caller ID. ring_timeout_s: silence after a RING that ends the ringing (no modem says so).
    scan_s: how often a missing device is looked for; retry_min_s/retry_max_s: backoff after
    a failed open or initialisation. check_s: how often an idle modem is asked whether caller
    ID is still on (a power glitch resets it silently); no answer means reconnect.
    auto_answer_rings: answer after this many rings, play `greeting` (16-bit PCM at 8000 Hz)
    and a beep, record up to `record_s` (None: off). command_timeout_s, dial_timeout_s,
    cid_idle_s (quiet time that ends a caller-ID block without a name) and tick_s: timing.
    """

    def __init__(
        self,
        line: str = "line1",
        devices: str | Sequence[str] = "/dev/ttyACM*",
        *,
        chipset: str = "auto",
        region: str = "JP",
        name: str | None = None,
        baudrate: int = 115200,
        ring_timeout_s: float = RING_TIMEOUT_S,
        command_timeout_s: float = 2.0,
        dial_timeout_s: float = 60.0,
        cid_idle_s: float = 0.25,
        scan_s: float = 0.2,
        retry_min_s: float = 0.25,
        retry_max_s: float = 2.0,
        tick_s: float = 0.05,
        check_s: float = 60.0,
        auto_answer_rings: int | None = None,
        greeting: bytes = b"",
        record_s: float = 60.0,
    ) -> None:
        self.line = line
        self.name = name or f"modem:{line}"
        self.devices = [devices] if isinstance(devices, str) else list(devices)
        self.chipset_key = chipset
        # an unknown name fails here, with the known names, not later in the background
        self.profile: Chipset = GENERIC if chipset == "auto" else find_chipset(chipset)
        self.region = region
        self.baudrate = baudrate
        self.command_timeout_s = command_timeout_s
        self.dial_timeout_s = dial_timeout_s
        self.scan_s = scan_s
        self.retry_min_s = retry_min_s
        self.retry_max_s = retry_max_s
        self.tick_s = tick_s
        self.check_s = check_s
        self.at = AtSession(line, cid_idle_s=cid_idle_s, complete_on_number=region.upper() == "JP")
        self.rings = RingTracker(line, ring_timeout_s)
        self.voice = VoiceCalls(self, auto_answer_rings, greeting, record_s)
        self.cid_confirmed: bool | None = None
        self._transport = SerialTransport(self._on_data, self._on_lost)
        self._queue: asyncio.Queue[LineEvent | None] = asyncio.Queue()
        self._lock = asyncio.Lock()
        self._waiter: asyncio.Future[Reply] | None = None
        self._lost: asyncio.Event = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._status: tuple[str, str] | None = None
        self._ever_connected = False

    # -- LineDriver ------------------------------------------------------------------
    async def start(self) -> None:
        """Begin looking for the modem; returns at once (connects and reconnects on its own)."""
        self._tasks = [
            asyncio.create_task(self._run(), name=f"{self.name}:run"),
            asyncio.create_task(self._tick(), name=f"{self.name}:tick"),
            asyncio.create_task(self._watchdog(), name=f"{self.name}:check"),
        ]

    async def stop(self) -> None:
        """Hang up if off hook, close the port and end the event stream."""
        if self._transport.open and self.voice.state != "idle":
            with contextlib.suppress(Exception):
                async with asyncio.timeout(self.command_timeout_s * 2):
                    await self.voice.hangup(remote=False)
        for task in [*self._tasks, *self.voice.tasks]:
            task.cancel()
        for task in [*self._tasks, *self.voice.tasks]:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        self._transport.close()
        self._queue.put_nowait(None)

    async def events(self) -> AsyncIterator[LineEvent]:
        """Events in order until stop()."""
        while True:
            event = await self._queue.get()
            if event is None:
                return
            yield event

    async def send(self, command: LineCommand) -> None:
        """Answer, HangUp, Dial, Play or Record; raises ConnectionError while disconnected."""
        if not self._transport.open:
            raise ConnectionError(f"modem for {self.line} is not connected / モデム未接続")
        if isinstance(command, Answer):
            await self.voice.answer()
        elif isinstance(command, HangUp):
            await self.voice.hangup(remote=False)
        elif isinstance(command, Dial):
            await self.voice.dial(command.number)
        elif isinstance(command, Play):
            await self.voice.play(command.pcm, command.rate)
        elif isinstance(command, Record):
            await self.voice.record(command.on)
        else:
            raise NotImplementedError(f"{self.name} cannot {command!r}")

    def enable_auto_answer(self, rings: int | None, greeting: bytes | None = None) -> None:
        """Answer after `rings` rings (None: never), play `greeting`, beep, record a message."""
        self.voice.auto_answer_rings = rings
        if greeting is not None:
            self.voice.greeting = greeting

    # -- commands --------------------------------------------------------------------
    async def command(self, text: str, wait_s: float | None = None) -> Reply:
        """Send one AT command line and wait for its final result code."""
        return await self.exchange(lambda: self.at.command(text), wait_s)

    async def exchange(self, make: Callable[[], bytes], wait_s: float | None = None) -> Reply:
        """Write the bytes `make()` returns (it sets the pending command) and await the reply."""
        async with self._lock:
            if not self._transport.open:
                raise ConnectionError(f"modem for {self.line} is not connected")
            waiter: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
            self._waiter = waiter
            self._transport.write(make())
            try:
                async with asyncio.timeout(wait_s or self.command_timeout_s):
                    return await waiter
            finally:
                self._waiter = None

    def write(self, data: bytes) -> None:
        """Raw bytes to the modem (voice data)."""
        self._transport.write(data)

    async def drain(self) -> None:
        """Wait for written bytes to leave."""
        await self._transport.drain()

    def emit(self, event: LineEvent) -> None:
        """Queue one event."""
        self._queue.put_nowait(event)

    # -- connection ------------------------------------------------------------------
    def _set_status(self, state: str, detail: str) -> None:
        if self._status != (state, detail):
            self._status = (state, detail)
            self.emit(DeviceStatus(self.line, state=state, detail=detail))

    async def _run(self) -> None:
        delay = self.retry_min_s
        while True:
            paths = candidates(self.devices)
            if not paths:
                state = "reconnecting" if self._ever_connected else "failed"
                wanted = ", ".join(self.devices)
                self._set_status(state, f"no modem at {wanted} / モデムが見つかりません")
                await asyncio.sleep(self.scan_s)
                continue
            problem = ""
            for path in paths:
                problem = await self._try(path)
                if not problem:
                    break
            if not problem:
                delay = self.retry_min_s
                await self._lost.wait()
                continue
            state = "reconnecting" if self._ever_connected else "failed"
            self._set_status(state, problem)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max_s)

    async def _try(self, path: str) -> str:
        """Open and initialise `path`; "" on success, else why not."""
        try:
            self._transport.connect(path, self.baudrate)
        except (OSError, serial.SerialException) as exc:
            return f"{path}: {exc}"
        self._lost = asyncio.Event()
        try:
            detail = await self._initialise()
        except (TimeoutError, ConnectionError, RuntimeError) as exc:
            self._transport.close()
            return f"{path}: initialisation failed ({exc or 'no answer'}) / 初期化失敗"
        self._ever_connected = True
        self._set_status("connected", f"{path}: {detail}")
        return ""

    async def _initialise(self) -> str:
        """Reset, echo off, pick the chipset, enable and verify caller ID; returns a summary."""
        self.at = AtSession(
            self.line, cid_idle_s=self.at.cid_idle_s, complete_on_number=self.at.complete_on_number
        )
        self.write(b"\x10!\x10\x03\r")  # leave any voice stream a crashed session left open
        await asyncio.sleep(0.05)
        for _ in range(3):
            with contextlib.suppress(TimeoutError):
                if (await self.command("AT", 1.0)).result == "OK":
                    break
        else:
            raise RuntimeError("no answer to AT")
        await self._expect("ATZ", wait_s=5.0)
        if self.chipset_key == "auto":
            answers: dict[str, tuple[str, ...]] = {}
            for cmd in IDENTIFY_COMMANDS:
                reply = await self.command(cmd)
                answers[cmd] = reply.info if reply.result == "OK" else ()
            self.profile = detect(answers)
        notes = [self.profile.label]
        for cmd in init_commands(self.profile, self.region):
            reply = await self.command(cmd)
            if reply.result != "OK":
                notes.append(f"{cmd} refused")
        self.cid_confirmed = await self._verify_cid()
        if self.cid_confirmed is False:
            for cmd in self.profile.cid_commands(self.region):
                await self.command(cmd)
            self.cid_confirmed = await self._verify_cid()
        notes.append(
            {
                True: "caller ID on",
                None: "caller ID enabled (unconfirmed)",
                False: "caller ID NOT confirmed / 発信者番号表示を確認できません",
            }[self.cid_confirmed]
        )
        return ", ".join(notes)

    async def _verify_cid(self) -> bool | None:
        if self.profile.cid_query is None:
            return None
        reply = await self.command(self.profile.cid_query)
        return self.profile.cid_enabled(reply.info) if reply.result == "OK" else None

    async def _expect(self, text: str, wait_s: float | None = None) -> None:
        reply = await self.command(text, wait_s)
        if reply.result != "OK":
            raise RuntimeError(f"{text} answered {reply.result}")

    async def _watchdog(self) -> None:
        """Re-enable caller ID after a silent reset; a modem that stopped answering is reopened."""
        while True:
            await asyncio.sleep(self.check_s)
            idle = self.voice.state == "idle" and self.rings.count == 0 and not self._lock.locked()
            if not (
                self._transport.open and idle and self._status and self._status[0] == "connected"
            ):
                continue
            try:
                if await self._verify_cid() is False:
                    for cmd in init_commands(self.profile, self.region):
                        await self.command(cmd)
                    self.cid_confirmed = await self._verify_cid()
                    self._set_status(
                        "connected",
                        f"{self._transport.path}: caller ID re-enabled "
                        "after a modem reset / リセット後に再設定",
                    )
            except TimeoutError:
                self._transport.close()
                self._on_lost(f"{self._transport.path} stopped answering / 応答なし")
            except (ConnectionError, RuntimeError):
                continue

    def _on_lost(self, why: str) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(ConnectionError(why))
        for item in self.at.flush():
            self._handle(item)
        self.voice.device_lost()
        self._set_status("reconnecting", f"{why} / 再接続中")
        self._lost.set()

    # -- input -----------------------------------------------------------------------
    def _on_data(self, data: bytes) -> None:
        now = asyncio.get_running_loop().time()
        for item in self.at.receive(data, now):
            self._handle(item)

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.tick_s)
            now = loop.time()
            for item in self.at.poll(now):
                self._handle(item)
            stopped = self.rings.poll(now)
            if stopped is not None and self.voice.state == "idle":
                self.emit(stopped)

    def _handle(self, item: AtItem) -> None:
        if isinstance(item, Reply):
            waiter = self._waiter
            if item.command is not None and waiter is not None and not waiter.done():
                waiter.set_result(item)
            else:
                self.voice.unasked(item.result)
        elif isinstance(item, RingLine):
            ring = self.rings.ring(item.at)
            self.emit(ring)
            self.voice.ringing(ring.count)
        elif isinstance(item, Progress):
            if item.text.startswith("DRO"):
                self.rings.cadence_line(item.text)
            elif item.text == "RINGING":
                self.emit(ToneEvent(self.line, tone="ringback"))
        elif isinstance(item, VoiceData):
            if self.voice.state == "recording":
                self.emit(AudioFrame(self.line, pcm=u8_to_s16(item.data), rate=8000))
        elif isinstance(item, ToneEvent):
            if self.voice.streaming and item.tone in self.profile.ignore_while_streaming:
                return  # USR reports a bogus <DLE>d while playing or recording
            self.emit(item)
            # quiet = voice, then silence: the end of a message, so the end of a recording
            quiet_end = item.tone == "quiet" and self.voice.state == "recording"
            if item.tone in HANGUP_TONES or quiet_end:
                self.voice.remote_gone(item.tone)
        elif isinstance(item, LineEvent):
            self.emit(item)
        elif isinstance(item, Echo):
            pass  # echo came back (after a reset); the init sequence turns it off
