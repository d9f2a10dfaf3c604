"""`ringdesk bench bridge`: Whozz parsing, ND frames through parity errors, line-card frames,
and pop latency from each source's emulator through a box process to a desk."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
from pathlib import Path
from typing import Any

from appliance.bench import bridge_pop
from appliance.bench._bridge_latency import source_latencies
from appliance.bench.result import BenchResult, Budget
from drivers.base import CallerId
from firmware_bridge.linecard.protocol import BadFrame, MessageReader
from firmware_bridge.linecard.protocol.messages import (
    Audio,
    CidBytes,
    DtmfDigit,
    Message,
    RingStart,
    SetPolicy,
)
from firmware_bridge.linecard.protocol.stream import encode
from firmware_bridge.nd.driver import NdAdapterDriver
from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body
from firmware_bridge.whozz.samples import score

_REPO = Path(__file__).resolve().parents[2]
_SAMPLES = ("whozz", "wc_samples.txt")


def _samples_path(args: argparse.Namespace) -> Path:
    corpus = getattr(args, "corpus", None)
    env = os.environ.get("RINGDESK_CORPUS")
    for base in (Path(corpus) if corpus else None, Path(env) if env else None):
        if base is not None and base.joinpath(*_SAMPLES).is_file():
            return base.joinpath(*_SAMPLES)
    return _REPO / "tests" / "firmware_bridge" / "data" / "wc_samples.txt"


async def _nd(frames: int, rate: float) -> dict[str, Any]:
    emulator = NdAdapterEmulator(parity_error_rate=rate, seed=20261122)
    sent = [f"090{i:08d}" for i in range(frames)]
    for i, number in enumerate(sent):
        emulator.core.queue(frame_body(11, 22, 0, 19, i % 60, number))
    driver = NdAdapterDriver("nd-bench", emulator.path, "line1", retry_s=0.05)
    await driver.start()
    await emulator.start()
    async with asyncio.timeout(30 + frames):
        await emulator.wait_idle()
    await emulator.stop()
    await driver.stop()
    got = [e.number async for e in driver.events() if isinstance(e, CallerId)]
    stats = emulator.core.stats
    return {
        "nd_ok": sum(1 for n in sent if n in got),
        "nd_lost": sum(1 for n in sent if n not in got),
        "nd_duplicates": len(got) - len(set(got)),
        "nd_parity_errors_injected": stats.corrupted,
        "nd_resends": stats.resent,
    }


def _random_message(rng: random.Random) -> Message:
    kind = rng.randrange(5)
    if kind == 0:
        return Audio(0, rng.randrange(65536), rng.randbytes(160))
    if kind == 1:
        return CidBytes(0, 0, rng.randbytes(rng.randrange(10, 60)))
    if kind == 2:
        return RingStart(0, rng.randrange(1, 10), (rng.randrange(2000), rng.randrange(4000)))
    if kind == 3:
        return DtmfDigit(0, rng.choice("0123456789*#"))
    return SetPolicy(0, rng.random() < 0.5, rng.randrange(6000))


def _corrupt(frame: bytes, rng: random.Random) -> bytes:
    data = bytearray(frame)
    how = rng.randrange(5)
    spot = rng.randrange(len(data))
    if how == 0:
        data[spot] ^= 1 << rng.randrange(8)
    elif how == 1:
        data[spot] = rng.randrange(256)
    elif how == 2:
        del data[spot]
    elif how == 3:
        data.insert(spot, rng.randrange(256))
    else:
        data[spot : spot + 4] = rng.randbytes(4)  # a short burst
    return bytes(data)


def _linecard(frames: int, corrupt_rate: float) -> dict[str, Any]:
    rng = random.Random(1122)
    reader = MessageReader()
    ok = wrong = rejected = corrupted = clean_lost = 0
    for i in range(frames):
        original = _random_message(rng)
        wire = encode(original, i)
        damaged = rng.random() < corrupt_rate
        if damaged:
            wire = _corrupt(wire, rng)
            corrupted += 1
        cut = rng.randrange(len(wire) + 1)
        out = reader.feed(wire[:cut]) + reader.feed(wire[cut:])
        good = [m for m in out if not isinstance(m, BadFrame)]
        rejected += len(out) - len(good)
        ok += sum(1 for m in good if m == original)
        wrong += sum(1 for m in good if m != original)
        if not damaged and original not in good:
            clean_lost += 1  # a damaged delimiter before it glued the two frames together
    out = reader.feed(b"\x00")
    rejected += sum(1 for m in out if isinstance(m, BadFrame))
    wrong += sum(1 for m in out if not isinstance(m, BadFrame))
    return {
        "frames_sent": frames,
        "frames_corrupted": corrupted,
        "frames_ok": ok,
        "frames_wrong": wrong,
        "frames_rejected": rejected,
        "frames_clean_lost": clean_lost,
    }


def run(args: argparse.Namespace) -> BenchResult:
    """Measure the bridge figures: parsing, ND and line-card framing, per-source pop latency."""
    quick = bool(getattr(args, "quick", False))
    samples = _samples_path(args)
    parsed, total, failures = score(samples.read_text(encoding="utf-8"))
    figures: dict[str, Any] = {"whozz_parsed": parsed, "whozz_total": total}
    figures.update(asyncio.run(_nd(40 if quick else 200, 0.25)))
    figures.update(_linecard(2000 if quick else 20000, 0.3))
    figures.update(asyncio.run(source_latencies(20 if quick else 100)))
    pop_calls = int(getattr(args, "pop_calls", 0) or (5 if quick else 30))
    figures.update(bridge_pop.measure(pop_calls))
    budgets = {
        "whozz_parsed": Budget(total, at_least=True),
        "nd_lost": Budget(0),
        "frames_wrong": Budget(0),
    }
    for kind in bridge_pop.KINDS:
        budgets[f"{kind}_pop_p99_ms"] = Budget(bridge_pop.BUDGET_MS)
        budgets[f"{kind}_pop_delivered"] = Budget(pop_calls, at_least=True)
    return BenchResult(
        name="bridge",
        figures=figures,
        budgets=budgets,
        context={
            "whozz_samples": str(samples),
            "whozz_failures": failures,
            "nd_parity_error_rate": 0.25,
            "linecard_corruption_rate": 0.3,
            "pop_clock": "last caller-ID byte out of the emulator (pty write, UDP sendto, TCP "
            "drain) -> a paired desk's WebSocket got the pop, through a `ringdesk box` process "
            "with one [[lines]] entry per source; CLOCK_MONOTONIC in both processes",
            "pop_calls_per_source": pop_calls,
            "linecard_speed": bridge_pop.LINECARD_SPEED,
            "event_p99": "*_event_p99_ms: emulator send -> the driver's CallerId, in-process",
        },
    )
