"""`ringdesk bench data`: caller lookup, search as you type, xlsx import, SQLCipher overhead."""

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
from appliance.core.errors import InvalidInput
from appliance.db.store import Store

_FULL = {"customers": 100_000, "calls": 1_000_000, "import_rows": 100_000, "overhead": 20_000}
_QUICK = {"customers": 2_000, "calls": 20_000, "import_rows": 2_000, "overhead": 1_000}


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _caller_forms(rng: random.Random, n: int) -> list[str]:
    """Numbers as lines send them: national, E.164, 0081/010 prefixes, hyphens; some unknown."""
    from appliance.db.models import Phone

    rows: Any = Phone.select(Phone.e164, Phone.national).where(Phone.region == "JP").tuples()
    phones = list(rows)
    out = []
    for _ in range(n):
        e164, national = rng.choice(phones)
        form = rng.randrange(6)
        out.append(
            [
                national,
                e164,
                "0081" + e164[3:],
                "010" + e164[1:],
                f"{national[:3]}-{national[3:6]}-{national[6:]}",
                f"0{rng.choice('3679')}{rng.randint(20000000, 99999999)}",
            ][form]
        )
    return out


def _queries(rng: random.Random, n: int) -> list[str]:
    """1–8 character queries cut from real names, readings, companies, phones and emails."""
    from appliance.db.models import Customer, Email, Phone

    names: Any = Customer.select(Customer.display_name, Customer.reading).tuples()
    texts = [t for row in names for t in row if t]
    phones: Any = Phone.select(Phone.national).tuples()
    emails: Any = Email.select(Email.address).tuples()
    texts += [p for (p,) in phones] + [e for (e,) in emails]
    out = []
    for _ in range(n):
        text = rng.choice(texts).replace(" ", "")
        size = min(len(text), rng.randint(1, 8))
        start = rng.randrange(len(text) - size + 1)
        out.append(text[start : start + size])
    return out


def _latencies(fn: Callable[[str], Any], inputs: list[str]) -> list[float]:
    for q in inputs[:50]:  # warm the page cache
        fn(q)
    out = []
    for q in inputs:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _probe(rng_seed: int, n: int) -> dict[str, Any]:
    """On the db thread: lookup and search latencies in ms."""
    from appliance.core.lookup import lookup_by_number
    from appliance.core.search import search

    rng = random.Random(rng_seed)
    lookups = _latencies(lookup_by_number, _caller_forms(rng, n))
    searches = _latencies(lambda q: search(q, 20), _queries(rng, n))
    return {"lookup": lookups, "search": searches}


def _open(path: Path, encrypted: bool) -> Store:
    if encrypted:
        return Store.open(path, os.urandom(32), create=True, check_integrity=False)
    from appliance.db.connection import open_plain_database
    from appliance.db.executor import DbExecutor
    from appliance.db.migrations import migrate
    from appliance.db.models.base import database_proxy

    executor = DbExecutor()

    def start() -> Any:
        db = open_plain_database(path)
        migrate(db)
        database_proxy.initialize(db)
        return db

    return Store(executor.call(start), executor)


def _overhead_workload(path: Path, encrypted: bool, customers: int) -> float:
    """Seconds to seed, look up and search a small box: the same work plain or encrypted."""
    from appliance.core.seeding import seed

    store = _open(path, encrypted)
    try:
        start = time.perf_counter()
        store.executor.call(seed, customers, customers * 5, seed=3)
        store.executor.call(_probe, 11, 500)
        return time.perf_counter() - start
    finally:
        store.close()


def _import_seconds(tmp: Path, rows: int) -> float:
    """Export `rows` seeded customers to xlsx, then time importing it into an empty box."""
    from appliance.core.exporting import export_file
    from appliance.core.importing.run import import_file
    from appliance.core.seeding import seed

    source = Store.open(tmp / "source.db", os.urandom(32), create=True)
    try:
        source.executor.call(seed, rows, 0, seed=9)
        source.executor.call(export_file, tmp / "customers.xlsx")
    finally:
        source.close()
    target = Store.open(tmp / "target.db", os.urandom(32), create=True)
    try:
        start = time.perf_counter()
        report = target.executor.call(import_file, tmp / "customers.xlsx")
        elapsed = time.perf_counter() - start
        if report.rejected or len(report.imported_ids) + len(report.duplicates) != rows:
            raise RuntimeError(f"bench import lost rows: {report.rejected[:3]}")
        return elapsed
    finally:
        target.close()


def _import_only(sizes: dict[str, int]) -> BenchResult:
    """`--only import`: just the xlsx import figure, measured as in the full run."""
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-") as tmp_name:
        import_s = _import_seconds(Path(tmp_name), sizes["import_rows"])
    result = BenchResult("data")
    result.figures = {"import_100k_s": round(import_s, 2)}
    result.budgets = {"import_100k_s": Budget(20.0)}
    result.context = {"import_rows": sizes["import_rows"], "only": "import"}
    return result


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box in a temp dir and measure the data figures against their budgets."""
    from appliance.core.seeding import seed

    sizes = _QUICK if getattr(args, "quick", False) else _FULL
    only = getattr(args, "only", None)
    if only == "import":
        return _import_only(sizes)
    if only is not None:
        raise InvalidInput(
            f"--only {only!r}: 指定できるのは import です / the data bench has only 'import'"
        )
    samples = 400 if getattr(args, "quick", False) else 3000
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        store = Store.open(tmp / "box.db", os.urandom(32), create=True)
        try:
            seed_s = _timed(lambda: store.executor.call(seed, sizes["customers"], sizes["calls"]))
            lat = store.executor.call(_probe, 7, samples)
        finally:
            store.close()
        plain = _overhead_workload(tmp / "plain.db", False, sizes["overhead"])
        cipher = _overhead_workload(tmp / "cipher.db", True, sizes["overhead"])
        import_s = _import_seconds(tmp, sizes["import_rows"])
    result = BenchResult("data")
    result.figures = {
        "lookup_p99_ms": round(_pct(lat["lookup"], 0.99), 3),
        "search_p95_ms": round(_pct(lat["search"], 0.95), 3),
        "import_100k_s": round(import_s, 2),
        "sqlcipher_overhead": round(cipher / plain, 3),
        "lookup_p50_ms": round(statistics.median(lat["lookup"]), 3),
        "search_p50_ms": round(statistics.median(lat["search"]), 3),
        "search_max_ms": round(max(lat["search"]), 3),
        "seed_s": round(seed_s, 1),
    }
    result.budgets = {
        "lookup_p99_ms": Budget(2.0),
        "search_p95_ms": Budget(10.0),
        "import_100k_s": Budget(20.0),
        "sqlcipher_overhead": Budget(1.5),
    }
    result.context = {**sizes, "samples": samples, "quick": bool(getattr(args, "quick", False))}
    return result
