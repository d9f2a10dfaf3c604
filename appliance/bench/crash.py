"""`ringdesk bench crash --cycles N`: SIGKILL a committing writer at random; nothing acked lost."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from appliance.bench._durability import run_cycles
from appliance.bench.result import BenchResult, Budget

DEFAULT_CYCLES = 100
QUICK_CYCLES = 10


def run(args: argparse.Namespace) -> BenchResult:
    """Writer acks each committed call/note, is killed; DB reopened, checked, acks counted."""
    cycles = getattr(args, "cycles", None) or (
        QUICK_CYCLES if getattr(args, "quick", False) else DEFAULT_CYCLES
    )
    sync = getattr(args, "sync", None) or "full"
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-crash-") as tmp:
        tally = run_cycles(Path(tmp), cycles, sync=sync)
    result = BenchResult("crash")
    result.figures = {
        "cycles": tally.cycles,
        "acked": tally.acked,
        "lost": tally.lost,
        "integrity_failures": tally.integrity_failures,
    }
    result.budgets = {
        "lost": Budget(0),
        "integrity_failures": Budget(0),
        "cycles": Budget(cycles, at_least=True),
    }
    result.context = {
        "synchronous": sync,
        "kill": "SIGKILL at a random moment, 0-0.4 s after the first ack",
        "checks": "integrity_check + cipher_integrity_check; every ack of every cycle present",
        "seconds": round(time.perf_counter() - start, 1),
    }
    if tally.lost_examples:
        result.context["lost_examples"] = tally.lost_examples
    if tally.problems:
        result.context["problems"] = tally.problems[:3]
    return result
