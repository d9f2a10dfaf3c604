"""`ringdesk bench modem`: samples.txt parsed right, reconnect time after unplugs, parser speed."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from appliance.bench.result import BenchResult, Budget
from drivers.base import DeviceStatus
from drivers.modem import ModemDriver, ModemEmulator
from drivers.modem.at import AtSession
from drivers.modem.dle import shield
from drivers.modem.samples import score

_REPO = Path(__file__).resolve().parents[2]
_SAMPLES = ("modem", "samples.txt")


def _samples_path(args: argparse.Namespace) -> Path:
    corpus = getattr(args, "corpus", None)
    env = os.environ.get("RINGDESK_CORPUS")
    for base in (Path(corpus) if corpus else None, Path(env) if env else None):
        if base is not None and base.joinpath(*_SAMPLES).is_file():
            return base.joinpath(*_SAMPLES)
    return _REPO / "tests" / "drivers" / "modem" / "data" / "samples.txt"


def _p99(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def _reconnects(unplugs: int) -> dict[str, Any]:
    """Unplug and replug an emulated modem; time from replug to the driver being ready again."""
    rng = random.Random(20261201)
    with tempfile.TemporaryDirectory(prefix="ringdesk-modem-") as tmp:
        emu = ModemEmulator("conexant", link_dir=tmp)
        await emu.start()
        driver = ModemDriver("line1", f"{tmp}/ttyACM*")  # production timing defaults
        states: asyncio.Queue[str] = asyncio.Queue()

        async def pump() -> None:
            async for event in driver.events():
                if isinstance(event, DeviceStatus):
                    states.put_nowait(event.state)

        async def until(state: str) -> None:
            async with asyncio.timeout(30):
                while await states.get() != state:
                    pass

        await driver.start()
        pumping = asyncio.create_task(pump())
        took: list[float] = []
        try:
            await until("connected")
            for k in range(unplugs):
                await emu.unplug()
                await until("reconnecting")
                await asyncio.sleep(rng.uniform(0.0, 0.3))
                await emu.replug(renumber=k % 2 == 0)
                start = time.perf_counter()
                await until("connected")
                took.append(time.perf_counter() - start)
        finally:
            await driver.stop()
            await pumping
            await emu.stop()
    return {
        "reconnect_s": round(_p99(took), 3),
        "reconnect_median_s": round(statistics.median(took), 3),
        "unplugs": len(took),
    }


def _throughput(quick: bool) -> dict[str, float]:
    """Bytes per second through the AT layer: caller-ID text, and DLE-shielded voice."""
    call = (
        b"\r\nRING\r\n\r\nDATE = 1015\r\nTIME = 1310\r\nNMBR = 0312345678\r\n"
        b"NAME = YAMADA TARO\r\n\r\nRING\r\n\r\nRING\r\n"
    )
    text = call * (200 if quick else 2000)
    voice = shield(random.Random(1).randbytes(8000)) * (5 if quick else 50)
    out: dict[str, float] = {}
    for key, data, setup in (
        ("parser_text_bytes_per_s", text, False),
        ("parser_voice_bytes_per_s", voice, True),
    ):
        at = AtSession()
        if setup:
            at.command("AT+VRX")
            at.receive(b"\r\nCONNECT\r\n", 0.0)
        start = time.perf_counter()
        for i in range(0, len(data), 256):  # as a serial read hands it over
            at.receive(data[i : i + 256], 0.0)
        out[key] = round(len(data) / (time.perf_counter() - start))
    return out


def run(args: argparse.Namespace) -> BenchResult:
    """Run the modem benchmark."""
    path = _samples_path(args)
    result = score(path.read_text(encoding="utf-8"))
    figures: dict[str, Any] = {
        "samples_parsed": result.parsed,
        "samples_total": result.total,
        "samples_refused": result.refused,
        "samples_wrong": len(result.wrong),
    }
    figures.update(asyncio.run(_reconnects(5 if args.quick else 50)))
    figures.update(_throughput(args.quick))
    expected_parsed = result.total - 2  # the two invalid-checksum blocks are refused instead
    budgets = {
        "samples_parsed": Budget(expected_parsed, at_least=True),
        "samples_refused": Budget(2, at_least=True),
        "samples_wrong": Budget(0),
        "reconnect_s": Budget(5.0),
        # 115200 baud is 11.5 kB/s of text; voice is 8 kB/s
        "parser_text_bytes_per_s": Budget(115200, at_least=True),
        "parser_voice_bytes_per_s": Budget(80000, at_least=True),
    }
    context: dict[str, Any] = {"samples": str(path)}
    if result.wrong:
        context["wrong"] = result.wrong
    return BenchResult("modem", figures, budgets, context)
