"""`ringdesk bench pop`: caller ID on an emulated modem to a card on 10 desks, at 100k/1M."""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
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

_FULL = {"customers": 100_000, "calls": 1_000_000, "desks": 10, "placed": 60}
_QUICK = {"customers": 2_000, "calls": 20_000, "desks": 10, "placed": 12}


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box, run it on a pty modem, place calls one by one, time each desk's pop."""
    sizes = _QUICK if getattr(args, "quick", False) else _FULL
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-pop-") as tmp_name:
        return asyncio.run(_measure(Path(tmp_name), sizes))


async def _measure(tmp: Path, sizes: dict[str, int]) -> BenchResult:
    dev = tmp / "dev"
    dev.mkdir()
    emulator = TimedEmulator("conexant", link_dir=dev)
    await emulator.start()
    t0 = time.monotonic()
    numbers = await asyncio.to_thread(
        prepare_box, tmp / "box", sizes["customers"], sizes["calls"], [("line1", f"{dev}/ttyACM*")]
    )
    seed_s = time.monotonic() - t0
    rng = random.Random(11)
    try:
        # the ring timeout ends each unanswered call soon, so the next one is a new call
        with box_and_desks(tmp / "box", sizes["desks"], "--ring-timeout", "1.0") as run:
            await asyncio.sleep(1.0)  # the box initialises the modem
            for i, number in enumerate(rng.sample(numbers, sizes["placed"])):
                # NTT Number Display: the number only (a desk's card supplies the name)
                emulator.place_call(number, None, rings=1, ring_interval_s=0.5, japan=True)
                await wait_for(run, (i + 1) * sizes["desks"], 10.0)
                await asyncio.sleep(1.6)  # the call ends before the next (one line)
            rss, peak = run.rss_mb()
            with run.lock:
                seen = list(run.seen)
            cold = run.cold_start_s
    finally:
        await emulator.stop()
    first = first_pops(seen)
    latencies = [
        (s["t"] - emulator.cid_written[s["number"]]) * 1000
        for s in first
        if s["number"] in emulator.cid_written
    ]
    result = BenchResult("pop")
    result.figures = {
        "pop_p50_ms": round(statistics.median(latencies), 2) if latencies else -1.0,
        "pop_p99_ms": round(percentile(latencies, 0.99), 2),
        "rss_mb": round(rss, 1),
        "cold_start_s": round(cold, 2),
        "delivered": len(first),
        "expected": sizes["placed"] * sizes["desks"],
        "rss_peak_mb": round(peak, 1),
        "pop_max_ms": round(max(latencies), 2) if latencies else -1.0,
    }
    result.budgets = {
        "pop_p50_ms": Budget(4.0),
        "pop_p99_ms": Budget(8.0),
        "rss_mb": Budget(120.0),
        "cold_start_s": Budget(3.0),
    }
    result.context = {
        **sizes,
        "seed_s": round(seed_s, 1),
        "timed": len(latencies),
        "clock": "emulator wrote the caller ID -> desk got the event",
    }
    return result
