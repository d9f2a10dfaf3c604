"""`ringdesk bench load`: 50 desks, bursts of 10 simultaneous calls on 10 emulated modem lines."""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

from appliance.bench._popkit import (
    TimedEmulator,
    box_and_desks,
    first_pops,
    percentile,
    prepare_box,
    wait_for,
)
from appliance.bench.result import BenchResult, Budget

_FULL = {"customers": 100_000, "calls": 1_000_000, "desks": 50, "lines": 10, "bursts": 5}
_QUICK = {"customers": 2_000, "calls": 20_000, "desks": 50, "lines": 10, "bursts": 2}


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box on 10 pty modems, pair 50 desks, ring every line at once, count the pops."""
    sizes = _QUICK if getattr(args, "quick", False) else _FULL
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-load-") as tmp_name:
        return asyncio.run(_measure(Path(tmp_name), sizes))


async def _measure(tmp: Path, sizes: dict[str, int]) -> BenchResult:
    emulators: list[TimedEmulator] = []
    lines = []
    for i in range(sizes["lines"]):
        dev = tmp / f"dev{i + 1}"
        dev.mkdir()
        emulators.append(TimedEmulator("conexant", link_dir=dev))
        lines.append((f"line{i + 1}", f"{dev}/ttyACM*"))
    for em in emulators:
        await em.start()
    numbers = await asyncio.to_thread(
        prepare_box, tmp / "box", sizes["customers"], sizes["calls"], lines
    )
    rng = random.Random(13)
    calls = rng.sample(numbers, sizes["lines"] * sizes["bursts"])
    expected = len(calls) * sizes["desks"]
    try:
        with box_and_desks(tmp / "box", sizes["desks"], "--ring-timeout", "1.0") as run:
            await asyncio.sleep(2.0)  # the box initialises its modems
            for burst in range(sizes["bursts"]):
                batch = calls[burst * sizes["lines"] : (burst + 1) * sizes["lines"]]
                for em, number in zip(emulators, batch, strict=True):
                    em.place_call(number, None, rings=1, ring_interval_s=0.5, japan=True)
                await wait_for(run, (burst + 1) * len(batch) * sizes["desks"], 20.0)
                await asyncio.sleep(1.6)  # every line's call ends before the next burst
            await wait_for(run, expected, 5.0)
            with run.lock:
                seen = list(run.seen)
    finally:
        for em in emulators:
            await em.stop()
    sent = {n: t for em in emulators for n, t in em.cid_written.items()}
    first = first_pops(seen)
    latencies = [(s["t"] - sent[s["number"]]) * 1000 for s in first if s["number"] in sent]
    result = BenchResult("load")
    result.figures = {
        "delivered": len(first),
        "expected": expected,
        "pop_p99_ms": round(percentile(latencies, 0.99), 2),
        "pop_p50_ms": round(percentile(latencies, 0.5), 2),
        "pop_max_ms": round(max(latencies), 2) if latencies else -1.0,
    }
    result.budgets = {
        "delivered": Budget(float(expected), at_least=True),
        "pop_p99_ms": Budget(100.0),
    }
    result.context = {**sizes, "measured_at": time.strftime("%Y-%m-%d %H:%M")}
    return result
