"""Fixtures for modem tests: an emulator on a pty and a driver with fast timing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from modem_notation import DATA, parse_transcripts

from drivers.base import DeviceStatus, LineEvent
from drivers.modem import ModemDriver, ModemEmulator

FAST: dict[str, Any] = {
    "ring_timeout_s": 0.6,
    "command_timeout_s": 1.0,
    "dial_timeout_s": 3.0,
    "cid_idle_s": 0.1,
    "scan_s": 0.02,
    "retry_min_s": 0.02,
    "retry_max_s": 0.2,
    "tick_s": 0.01,
}
E = TypeVar("E", bound=LineEvent)


class Events:
    """Collects a driver's events in the background; wait for one kind or a condition."""

    def __init__(self, driver: ModemDriver) -> None:
        self.driver = driver
        self.seen: list[LineEvent] = []
        self._changed = asyncio.Event()
        self._task = asyncio.create_task(self._pump())

    async def _pump(self) -> None:
        async for event in self.driver.events():
            self.seen.append(event)
            self._changed.set()

    async def until(self, test: Callable[[list[LineEvent]], bool], wait_s: float = 5.0) -> None:
        async with asyncio.timeout(wait_s):
            while not test(self.seen):
                self._changed.clear()
                await self._changed.wait()

    async def first(self, kind: type[E], wait_s: float = 5.0, after: int = 0) -> E:
        await self.until(lambda s: any(isinstance(e, kind) for e in s[after:]), wait_s)
        return next(e for e in self.seen[after:] if isinstance(e, kind))

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.seen if isinstance(e, kind)]

    async def connected(self, count: int = 1, wait_s: float = 5.0) -> DeviceStatus:
        await self.until(
            lambda s: (
                len([e for e in s if isinstance(e, DeviceStatus) and e.state == "connected"])
                >= count
            ),
            wait_s,
        )
        return [e for e in self.of(DeviceStatus) if e.state == "connected"][count - 1]


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    """Make (emulator, driver, events) for a chipset; everything is stopped afterwards."""
    made: list[tuple[ModemEmulator, ModemDriver, Events]] = []

    async def make(
        chipset: str = "conexant", driver_chipset: str = "auto", region: str = "US", **kw: Any
    ) -> tuple[ModemEmulator, ModemDriver, Events]:
        emu = ModemEmulator(chipset, link_dir=tmp_path, tone_every_s=0.3, dial_s=0.1)
        await emu.start()
        opts = {**FAST, **kw}
        driver = ModemDriver(
            "line1", str(tmp_path / "ttyACM*"), chipset=driver_chipset, region=region, **opts
        )
        await driver.start()
        events = Events(driver)
        made.append((emu, driver, events))
        await events.connected()
        return emu, driver, events

    yield make
    for emu, driver, _events in made:
        await driver.stop()
        await emu.stop()


@pytest.fixture
def fast() -> dict[str, Any]:
    """Driver timing small enough for tests."""
    return dict(FAST)


@pytest.fixture
def watch() -> type[Events]:
    """The event collector class, for tests that build their own driver."""
    return Events


@pytest.fixture(scope="session")
def transcripts() -> dict[str, list[tuple[str, str]]]:
    """tests/drivers/modem/data/transcripts.txt (real modems' sessions) parsed."""
    return parse_transcripts((DATA / "transcripts.txt").read_text(encoding="utf-8"))
