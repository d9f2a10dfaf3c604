"""`ringdesk bridge`: argument errors are clear; the playback helpers drive real emulators."""

from __future__ import annotations

import asyncio
import random

import pytest

from appliance.cli import main
from drivers.base import CallerId, LineEvent
from firmware_bridge import playback
from firmware_bridge.nd.driver import NdAdapterDriver


def test_watch_without_port_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bridge", "watch", "nd"]) == 1
    err = capsys.readouterr().err
    assert "--serial" in err and "ポート" in err


def test_random_numbers_look_japanese() -> None:
    rng = random.Random(3)
    for _ in range(50):
        number = playback.random_number(rng)
        mobile = number[:3] in ("090", "080")
        assert number.startswith("0") and len(number) == (11 if mobile else 10)


async def test_nd_playback_reaches_a_watching_driver() -> None:
    announced = asyncio.Event()
    said: list[str] = []

    def say(text: str) -> None:
        said.append(text)
        announced.set()

    task = asyncio.create_task(playback.emulate_nd(say, 0.05, 0.2))
    async with asyncio.timeout(5):
        await announced.wait()
    path = said[0].split()[3]
    got_call = asyncio.Event()

    def show(event: LineEvent) -> None:
        if isinstance(event, CallerId):
            got_call.set()

    watcher = asyncio.create_task(playback.watch(NdAdapterDriver("nd", path, "l1"), show))
    async with asyncio.timeout(5):
        await got_call.wait()
    watcher.cancel()
    task.cancel()
    await asyncio.gather(watcher, task, return_exceptions=True)
