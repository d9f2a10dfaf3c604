"""`ringdesk bench core`: open-time integrity check and versioned-edit/merge latency at scale."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appliance.bench.result import BenchResult, Budget

FULL = (100_000, 1_000_000)
QUICK = (5_000, 50_000)
SAMPLES = 300


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _edits(ids: list[int], rng: random.Random) -> dict[str, Any]:
    from appliance.core import customers, merge, notes
    from appliance.core.actor import Actor
    from appliance.core.audit import verify_audit_chain
    from appliance.db.models import Customer

    actor = Actor(None, None, "bench")
    picks = rng.sample(ids, SAMPLES * 2)
    upd: list[float] = []
    note: list[float] = []
    mrg: list[float] = []
    for cid in picks[:SAMPLES]:
        version = int(Customer.get_by_id(cid).version)

        def edit(c: int = cid, v: int = version) -> None:
            customers.update_customer(actor, c, v, occupation="会社員", vip=True)

        def write(c: int = cid) -> None:
            notes.add_note(actor, c, "いつもの大盛り", time_spent_s=30)

        upd.append(_timed(edit))
        note.append(_timed(write))
    pairs = picks[SAMPLES:]
    for keep, dup in zip(pairs[0::2][:50], pairs[1::2][:50], strict=True):
        kv, dv = int(Customer.get_by_id(keep).version), int(Customer.get_by_id(dup).version)

        def join(k: int = keep, d: int = dup, a: int = kv, b: int = dv) -> None:
            merge.merge_customers(actor, k, a, d, b)

        mrg.append(_timed(join))
    start = time.perf_counter()
    verdict = verify_audit_chain()
    verify_s = time.perf_counter() - start
    return {
        "update_customer_p50_ms": _p(upd, 0.5),
        "update_customer_p99_ms": _p(upd, 0.99),
        "add_note_p99_ms": _p(note, 0.99),
        "merge_p50_ms": _p(mrg, 0.5),
        "merge_p99_ms": _p(mrg, 0.99),
        "audit_rows": verdict.checked,
        "audit_verify_rows_per_s": round(verdict.checked / verify_s) if verify_s else 0,
        "audit_chain_ok": verdict.ok,
        "mean_update_ms": round(statistics.fmean(upd), 3),
    }


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a temp database, reopen it with and without the integrity check, time edits."""
    from appliance.core.seeding import seed
    from appliance.db.store import Store

    n_customers, n_calls = QUICK if getattr(args, "quick", False) else FULL
    key = os.urandom(32)
    rng = random.Random(20261122)
    result = BenchResult("core")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-core-") as tmp:
        path = Path(tmp) / "box.db"
        store = Store.open(path, key, create=True)
        start = time.perf_counter()
        store.executor.call(seed, n_customers, n_calls)
        seed_s = time.perf_counter() - start
        store.close()
        start = time.perf_counter()
        store = Store.open(path, key, check_integrity=False)
        open_s = time.perf_counter() - start
        store.close()
        start = time.perf_counter()
        store = Store.open(path, key)
        open_checked_s = time.perf_counter() - start
        try:
            from appliance.db.models import Customer

            ids = store.executor.call(lambda: [c.id for c in Customer.select(Customer.id)])
            figures = store.executor.call(_edits, ids, rng)
        finally:
            store.close()
        size_mb = path.stat().st_size / 1e6
    result.figures = {
        "open_s": round(open_s, 3),
        "open_with_integrity_check_s": round(open_checked_s, 3),
        **figures,
    }
    result.budgets = {
        "open_with_integrity_check_s": Budget(60.0),
        "update_customer_p99_ms": Budget(50.0),
        "add_note_p99_ms": Budget(50.0),
        "merge_p99_ms": Budget(250.0),
        "audit_chain_ok": Budget(1.0, at_least=True),
    }
    result.context = {
        "customers": n_customers,
        "calls": n_calls,
        "db_mb": round(size_mb, 1),
        "seed_s": round(seed_s, 1),
        "samples": SAMPLES,
    }
    return result
