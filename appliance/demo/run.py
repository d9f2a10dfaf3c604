"""Run the demo: seed a box, put an emulated line in front of it, print every pop."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from appliance.core.calls.pop import ScreenPop
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallUpdate
from appliance.db.models import Customer
from appliance.db.store import Store
from appliance.demo.cast import DemoCall, add_regulars
from appliance.demo.render import render_pop, render_update
from drivers.base import LineDriver
from drivers.simulated import ScriptedCall, SimulatedLine

Placer = Callable[[DemoCall], Awaitable[None]]


def seed_if_empty(customers: int) -> int:
    """Fill an empty database with realistic customers plus the regulars; returns the count."""
    if Customer.select().count() == 0 and customers > 0:
        from appliance.core.seeding import seed

        seed(customers=customers, calls=customers * 3)
    add_regulars()
    return int(Customer.select().count())


def simulated_line(pace: float) -> tuple[LineDriver, Placer]:
    """The scripted line (no hardware, no pty)."""
    line = SimulatedLine(pace=pace, hold_open=True)

    async def place(call: DemoCall) -> None:
        await line.inject(
            ScriptedCall(
                call.number,
                call.name,
                call.reason,
                rings=call.rings,
                answered=call.answered,
                talk_s=4.0,
            )
        )

    return line, place


async def play(
    store: Store,
    line: LineDriver,
    place: Placer,
    calls: list[DemoCall],
    *,
    region: str = "JP",
    lang: str = "ja",
    out: TextIO = sys.stdout,
    gap_s: float = 2.0,
    ring_timeout_s: float = 7.0,
) -> list[ScreenPop]:
    """Place `calls` one after another on `line` and print each pop and update as it comes."""
    pops: list[ScreenPop] = []

    async def publish(item: ScreenPop | CallUpdate) -> None:
        if isinstance(item, ScreenPop):
            pops.append(item)
            print(render_pop(item, lang), file=out, flush=True)
        else:
            print(render_update(item, lang), file=out, flush=True)

    router = CallRouter(
        DbCallRecords(region), store.executor.run, publish, ring_timeout_s=ring_timeout_s
    )
    await line.start()
    consumer = asyncio.create_task(router.run(line))
    try:
        for call in calls:
            await place(call)
            await asyncio.sleep(gap_s)
    finally:
        await line.stop()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(consumer, timeout=5)
    return pops


def banner(data_dir: Path, count: int, lang: str) -> str:
    """What the demo prints first."""
    if lang == "ja":
        return (
            f"Ringdesk デモ — データ: {data_dir}（暗号化 SQLCipher、顧客 {count:,} 件）\n"
            "着信を再生します。Ctrl-C で終了。"
        )
    return (
        f"Ringdesk demo — data: {data_dir} (encrypted SQLCipher, {count:,} customers)\n"
        "Playing incoming calls. Ctrl-C to stop."
    )
