"""`ringdesk bench roundtrip`: Faker customers with every field filled are exported, imported
into an empty box and compared field by field; the same file imported into its own box must
find every customer; and a card edit is saved through a real box's API over TLS."""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from appliance.bench.result import BenchResult, Budget
from appliance.db.store import Store

_FULL = {"customers": 10_000, "edits": 1000, "box_customers": 2000}
_QUICK = {"customers": 500, "edits": 100, "box_customers": 200}


def _store(path: Path) -> Store:
    return Store.open(path, os.urandom(32), create=True, check_integrity=False)


def _sheet_round_trip(tmp: Path, customers: int) -> dict[str, Any]:
    """Seed, export, import into an empty box and into the same box; compare."""
    from appliance.core.exporting import export_file
    from appliance.core.importing.run import import_file
    from appliance.core.roundtrip import differences, snapshots
    from appliance.core.seeding_full import seed_full

    out = tmp / "customers.xlsx"
    source = _store(tmp / "source.db")
    try:
        source.executor.call(seed_full, customers, seed=19)
        start = time.perf_counter()
        source.executor.call(export_file, out)
        export_s = time.perf_counter() - start
        before = source.executor.call(snapshots)
        again = source.executor.call(import_file, out)
    finally:
        source.close()
    target = _store(tmp / "target.db")
    try:
        start = time.perf_counter()
        report = target.executor.call(import_file, out)
        import_s = time.perf_counter() - start
        after = target.executor.call(snapshots)
    finally:
        target.close()
    same, lost = differences(before, after)
    return {
        "customers_total": len(before),
        "customers_same": same,
        "fields_lost": len(lost),
        "fields_lost_names": ",".join(sorted(lost)) or "-",
        "rows_rejected": report.problems,
        "reimport_new": len(again.imported_ids),
        "reimport_matched": len(again.duplicates),
        "export_s": round(export_s, 2),
        "import_s": round(import_s, 2),
    }


def _vcard_round_trip(tmp: Path, customers: int) -> dict[str, Any]:
    """The same customers through a vCard 3.0 file and a 4.0 file, each into an empty box;
    a customer counts as the same when both bring it back field for field."""
    from appliance.core.importing.run import import_file
    from appliance.core.roundtrip import snapshots
    from appliance.core.seeding_full import seed_full
    from appliance.core.vcard.writing import export_vcards

    source = _store(tmp / "vsource.db")
    try:
        source.executor.call(seed_full, customers, seed=29)
        for version in ("3.0", "4.0"):
            source.executor.call(export_vcards, tmp / f"v{version}.vcf", version)
        before = source.executor.call(snapshots, "bodies")
    finally:
        source.close()
    same = [True] * len(before)
    lost: set[str] = set()
    for version in ("3.0", "4.0"):
        target = _store(tmp / f"v{version}.db")
        try:
            target.executor.call(import_file, tmp / f"v{version}.vcf")
            after = target.executor.call(snapshots, "bodies")
        finally:
            target.close()
        for i, snap in enumerate(before):
            other = after[i] if i < len(after) else {}
            differing = {k for k, v in snap.items() if other.get(k) != v}
            lost |= differing
            same[i] = same[i] and not differing
    return {
        "vcard_total": len(before),
        "vcard_same": sum(same),
        "vcard_fields_lost_names": ",".join(sorted(lost)) or "-",
    }


def _prepare_box(data: Path, customers: int) -> None:
    from appliance.bench._popkit import BENCH_PASSWORD, BENCH_USER
    from appliance.core.access.passwords import hash_password
    from appliance.core.actor import Actor
    from appliance.core.seeding_full import seed_full
    from appliance.core.users import create_user
    from appliance.vault.session import demo_vault

    data.mkdir(parents=True, exist_ok=True)
    store = demo_vault(data).open_store(create=True)
    try:
        store.executor.call(seed_full, customers, seed=23)
        store.executor.call(
            create_user,
            Actor.system("bench"),
            BENCH_USER,
            role="admin",
            password_hash=hash_password(BENCH_PASSWORD),
        )
    finally:
        store.close()
    toml = ['name = "bench"', 'region = "JP"', "[backup]", "enabled = false"]
    (data / "ringdesk.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")


async def _edits(ready: dict[str, Any], cert: bytes, customers: int, edits: int) -> list[float]:
    """PATCH customer cards over the box's TLS API (a paired, logged-in desk); ms each."""
    from appliance.bench._desk_swarm import _http, login, pair
    from appliance.bench._popkit import BENCH_PASSWORD, BENCH_USER
    from appliance.contract.tls import client_context

    port = int(ready["port"])
    ident = await pair(port, ready["fingerprint"], ready["pairing_code"], "bench-card-desk")
    token = await login(port, cert, ident, BENCH_USER, BENCH_PASSWORD)
    versions: dict[int, int] = {}
    samples: list[float] = []
    async with _http(port, client_context(ident, cert), token) as http:
        for i in range(edits + 20):  # the first 20 warm the connection and the caches
            cid = 1 + (i * 7919) % customers
            if cid not in versions:
                r = await http.get(f"/customers/{cid}")
                r.raise_for_status()
                versions[cid] = int(r.json()["version"])
            body = {"version": versions[cid], "occupation": f"職業 {i}", "vip": i % 2 == 0}
            start = time.perf_counter()
            r = await http.patch(f"/customers/{cid}", json=body)
            elapsed = (time.perf_counter() - start) * 1000
            r.raise_for_status()
            versions[cid] = int(r.json()["version"])
            if i >= 20:
                samples.append(elapsed)
    return samples


def _card_saves(tmp: Path, customers: int, edits: int) -> list[float]:
    from appliance.bench._popkit import start_box, stop_process

    data = tmp / "box"
    _prepare_box(data, customers)
    with (tmp / "box.log").open("w", encoding="utf-8") as log:
        box, _, ready = start_box(data, log)
        try:
            cert = (data / "box-cert.pem").read_bytes()
            return asyncio.run(_edits(ready, cert, customers, edits))
        finally:
            stop_process(box)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else -1.0


def run(args: argparse.Namespace) -> BenchResult:
    """Measure the round trip and the card save against their budgets."""
    quick = bool(getattr(args, "quick", False))
    sizes = _QUICK if quick else _FULL
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        figures = _sheet_round_trip(tmp, sizes["customers"])
        vcards = _vcard_round_trip(tmp, sizes["customers"])
        saves = _card_saves(tmp, sizes["box_customers"], sizes["edits"])
    result = BenchResult("roundtrip")
    total = figures["customers_total"]
    result.figures = {
        "customers_total": total,
        "customers_same": figures.pop("customers_same"),
        "fields_lost": figures.pop("fields_lost"),
        "vcard_total": vcards["vcard_total"],
        "vcard_same": vcards["vcard_same"],
        "card_save_ms": round(_p99(saves), 2),
        **{k: v for k, v in figures.items() if k != "customers_total"},
        "vcard_fields_lost_names": vcards["vcard_fields_lost_names"],
        "card_save_p50_ms": round(sorted(saves)[len(saves) // 2], 2),
    }
    result.budgets = {
        "customers_same": Budget(total, at_least=True),
        "fields_lost": Budget(0),
        "vcard_same": Budget(vcards["vcard_total"], at_least=True),
        "card_save_ms": Budget(50.0),
        "reimport_new": Budget(0),
    }
    result.context = {
        **sizes,
        "quick": quick,
        "format": "xlsx with the notes sheet; vCard 3.0 and 4.0 (notes as NOTE: bodies)",
    }
    return result
