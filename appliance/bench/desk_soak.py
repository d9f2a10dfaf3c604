"""`ringdesk bench desk_soak`: a real desk worked at random for 200+ pops from a real box."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from appliance.bench._popkit import (
    BENCH_PASSWORD,
    BENCH_USER,
    prepare_box,
    start_box,
    stop_process,
)
from appliance.bench.result import BenchResult, Budget
from drivers.modem import ModemEmulator

_FULL = {"customers": 5_000, "calls": 50_000, "pops": 200, "seconds": 1200}
_QUICK = {"customers": 500, "calls": 2_000, "pops": 12, "seconds": 240}
CALL_EVERY_S = 2.2  # two rings 0.5 s apart, then the box's 1 s ring timeout marks it missed


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box on a pty modem, start the soak desk, place calls until it has seen enough."""
    sizes = _QUICK if getattr(args, "quick", False) else _FULL
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-soak-") as tmp_name:
        return asyncio.run(_measure(Path(tmp_name), sizes))


async def _measure(tmp: Path, sizes: dict[str, int]) -> BenchResult:
    dev = tmp / "dev"
    dev.mkdir()
    emulator = ModemEmulator("conexant", link_dir=dev)
    await emulator.start()
    numbers = await asyncio.to_thread(
        prepare_box, tmp / "box", sizes["customers"], sizes["calls"], [("line1", f"{dev}/ttyACM*")]
    )
    log = (tmp / "box.log").open("w", encoding="utf-8")
    box = desk = None
    placed = 0
    t0 = time.monotonic()
    try:
        box, _cold, ready = await asyncio.to_thread(
            start_box, tmp / "box", log, "--ring-timeout", "1.0"
        )
        cfg = {
            "port": ready["port"],
            "code": ready["pairing_code"],
            "username": BENCH_USER,
            "password": BENCH_PASSWORD,
            "folder": str(tmp / "desk"),
            "pops": sizes["pops"],
            "seconds": sizes["seconds"],
            "seed": 7,
        }
        desk = await asyncio.to_thread(_start_desk, cfg, log)
        result: list[dict[str, Any]] = []
        reader = threading.Thread(target=_read_result, args=(desk, result), daemon=True)
        reader.start()
        rng = random.Random(3)
        while reader.is_alive():
            emulator.place_call(rng.choice(numbers), None, rings=2, ring_interval_s=0.5, japan=True)
            placed += 1
            await asyncio.sleep(CALL_EVERY_S)
        box_alive = box.poll() is None
    finally:
        stop_process(desk)
        stop_process(box)
        await emulator.stop()
        log.close()
    figures = result[0] if result else {"pops": 0, "crashes": 1, "stray_actions": 0}
    out = BenchResult("desk_soak")
    out.figures = {
        "pops": figures["pops"],
        "crashes": figures["crashes"],
        "stray_actions": figures["stray_actions"],
        "box_stopped": 0 if box_alive else 1,
        "actions": figures.get("actions", 0),
    }
    out.budgets = {
        "pops": Budget(sizes["pops"], at_least=True),
        "crashes": Budget(0),
        "stray_actions": Budget(0),
        "box_stopped": Budget(0),
    }
    out.context = {
        **sizes,
        "placed": placed,
        "minutes": round((time.monotonic() - t0) / 60, 1),
        "by_action": figures.get("by_action", {}),
        "errors": figures.get("errors", []),
        "harness_errors": figures.get("harness_errors", []),
    }
    return out


def _start_desk(cfg: dict[str, Any], log: IO[str]) -> subprocess.Popen[str]:
    """The soak desk process, paired and logged in (it said `ready`)."""
    desk = subprocess.Popen(
        [sys.executable, "-m", "tui.soak"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env={**os.environ},
    )
    assert desk.stdin is not None and desk.stdout is not None
    desk.stdin.write(json.dumps(cfg) + "\n")
    desk.stdin.flush()
    if desk.stdout.readline().strip() != "ready":
        stop_process(desk)
        raise RuntimeError("the soak desk did not start (its log: box.log beside the box)")
    return desk


def _read_result(desk: subprocess.Popen[str], into: list[dict[str, Any]]) -> None:
    """The soak desk's one JSON line of figures (nothing if it died)."""
    assert desk.stdout is not None
    for line in desk.stdout:
        if line.startswith("{"):
            into.append(json.loads(line))
            return
