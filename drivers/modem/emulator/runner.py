"""ModemEmulator: an emulated USB voice modem on a pty, with scripted calls and unplugging."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from drivers.modem.emulator.calls import DEFAULT_CALLER, CallerStep, EmulatedCall
from drivers.modem.emulator.core import ModemCore
from drivers.modem.emulator.personality import personality
from drivers.modem.emulator.pty_port import PtyPort

_MAX_BACKLOG = 1 << 20


class ModemEmulator:
    """A voice modem of chipset `chipset` (conexant, usr5637, agere, silabs, rockwell).

    `link_dir`: also publish the pty as `link_dir/ttyACM<n>` (n grows on each renumbering
    replug), so drivers can be pointed at a glob like a real /dev/ttyACM*. `tone_every_s`:
    how often busy/silence is repeated after the caller hangs up; `dial_s`: time to an
    outbound dial's result. `await start()` returns the path to open.
    """

    def __init__(
        self,
        chipset: str = "conexant",
        *,
        link_dir: str | Path | None = None,
        tick_s: float = 0.01,
        tone_every_s: float = 4.0,
        dial_s: float = 0.3,
    ) -> None:
        self.persona = personality(chipset)
        self.tick_s = tick_s
        self._opts = {"tone_every_s": tone_every_s, "dial_s": dial_s}
        self.core = ModemCore(self.persona, tone_every_s=tone_every_s, dial_s=dial_s)
        self.port = PtyPort(Path(link_dir) if link_dir is not None else None)
        self._backlog = bytearray()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    @property
    def path(self) -> str:
        """The device path while plugged in, else ""."""
        return self.port.path if self.port.plugged else ""

    async def start(self) -> str:
        """Plug the modem in and start serving; returns the device path."""
        path = self.port.plug()
        self._watch()
        self._task = asyncio.create_task(self._pump(), name="modem-emulator")
        return path

    async def stop(self) -> None:
        """Unplug for good and stop."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.port.unplug()

    def place_call(
        self,
        number: str | None,
        name: str | None = None,
        *,
        reason: str | None = None,
        rings: int = 4,
        ring_interval_s: float = 6.0,
        cid_after_ring: int = 1,
        cid_format: str | None = None,
        lines: tuple[str, ...] | list[str] = (),
        japan: bool = False,
        caller: tuple[CallerStep, ...] | list[CallerStep] = DEFAULT_CALLER,
    ) -> EmulatedCall:
        """Queue an incoming call (see EmulatedCall); it rings as soon as the line is free."""
        call = EmulatedCall(
            number,
            name,
            reason,
            rings,
            ring_interval_s,
            cid_after_ring,
            cid_format,
            tuple(lines),
            japan,
            tuple(caller),
        )
        self.core.place_call(call)
        self._wake.set()
        return call

    async def unplug(self) -> None:
        """Pull the USB cable: the device node goes away and the modem loses power."""
        self.port.unplug()
        self._backlog.clear()
        self.core = self._fresh_core(self.core)

    async def replug(self, renumber: bool = True) -> str:
        """Plug back in (a fresh power-on state); returns the new path, maybe renumbered."""
        path = self.port.plug(renumber=renumber)
        self._watch()
        self._wake.set()
        return path

    def glitch(self, junk: bytes = b"\x00\xff\xfe\x80 \x1b[0m\xf0") -> None:
        """A power glitch: the modem resets (settings lost) and spits junk; the node stays."""
        self._send(junk)
        self.core.reset()
        self.core.cid = 0

    def _fresh_core(self, old: ModemCore) -> ModemCore:
        core = ModemCore(self.persona, **self._opts)
        core.dial_outcomes = old.dial_outcomes
        return core

    def _watch(self) -> None:
        loop = asyncio.get_running_loop()

        def on_data(data: bytes) -> None:
            self._send(self.core.receive(data, loop.time()))

        self.port.watch(on_data)

    def _send(self, data: bytes) -> None:
        if not self.port.plugged:
            return
        self._backlog += data
        if len(self._backlog) > _MAX_BACKLOG:
            self._backlog.clear()  # nobody is reading: a UART would have dropped it all
        taken = self.port.write(bytes(self._backlog))
        del self._backlog[:taken]

    async def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.tick_s):
                    await self._wake.wait()
            self._wake.clear()
            if self.port.plugged:
                self._send(self.core.poll(loop.time()))
