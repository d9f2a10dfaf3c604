"""`ringdesk bench backup`: snapshot, verify and restore times for a 1M-call box; SD writes.

rpo_s (work lost when the box is destroyed): a desk follows the change stream, a writer
commits continuously, the box is SIGKILLed mid-stream; what the desk replica lacks, in seconds
of committed work (appliance/bench/_rpo.py)."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.bench.result import BenchResult, Budget

if TYPE_CHECKING:
    from appliance.db.store import Store

FULL = {"customers": 50_000, "calls": 1_000_000, "handled": 300}
QUICK = {"customers": 2_000, "calls": 10_000, "handled": 100}


def _write_bytes() -> int:
    with open("/proc/self/io") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("write_bytes:"))


def bytes_per_call(store: Store, calls: int, seed: int = 1) -> float:
    """Block-layer bytes written per call run through the real router (ring, answer, hang-up),
    the WAL checkpointed into the database at the end so deferred writes are counted too."""
    from appliance.contract.pop import PopOut
    from appliance.core.calls.db_store import DbCallStore
    from appliance.core.calls.records import DbCallRecords
    from appliance.core.calls.router import CallRouter, CallUpdate
    from drivers.base import RING_TIMEOUT_S
    from drivers.simulated import ScriptedCall, SimulatedLine

    rng = random.Random(seed)
    script = [
        ScriptedCall(f"090{rng.randrange(10**8):08d}", rings=2, talk_s=0.0) for _ in range(calls)
    ]

    class Nowhere:
        def pop(self, pop: PopOut) -> None:
            return None

        async def update(self, update: CallUpdate) -> None:
            return None

    async def play() -> None:
        db = DbCallStore(DbCallRecords("JP"), store.executor)
        router = CallRouter(lambda: db, Nowhere(), tick_s=0.001)
        line = SimulatedLine(calls=script, pace=0.0)
        router.add_line(line.line, RING_TIMEOUT_S)
        await line.start()
        router.start()
        await router.run(line.events())
        await router.stop()
        await line.stop()

    store.executor.call(store.db.sql, "PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()
    before = _write_bytes()
    asyncio.run(play())
    store.executor.call(store.db.sql, "PRAGMA wal_checkpoint(TRUNCATE)")
    return (_write_bytes() - before) / calls


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box, handle calls (bytes written), snapshot + verify, restore with the code."""
    from appliance.backup_schedule import snapshot_now
    from appliance.core.seeding import seed
    from appliance.db.store import Store
    from appliance.vault.backup_keys import private_key_from_code, verify_key_of
    from appliance.vault.keys import Argon2Params
    from appliance.vault.vault import Vault
    from backups import restore_file
    from backups.verify import check_box_tag, header_of

    sizes = QUICK if getattr(args, "quick", False) else FULL
    result = BenchResult("backup")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-backup-") as tmp:
        unlocked, code = Vault.create(Path(tmp) / "box", argon=Argon2Params())
        store = unlocked.open_store(create=True)
        start = time.perf_counter()
        store.executor.call(seed, sizes["customers"], sizes["calls"])
        result.context["seed_s"] = round(time.perf_counter() - start, 1)
        per_call = bytes_per_call(store, sizes["handled"])
        usb = Path(tmp) / "usb"
        usb.mkdir()
        info = snapshot_now(unlocked, usb)  # the box stays open, as on a live box
        store.close()
        key, key_id = verify_key_of(unlocked)
        start = time.perf_counter()
        check_box_tag(info.path, key, key_id)
        tag_s = time.perf_counter() - start

        start = time.perf_counter()  # a replacement box: code typed, file restored, opened
        header = header_of(info.path)
        private = private_key_from_code(code, header.recipient, header.recipient_hint)
        new, new_key = Path(tmp) / "new" / "ringdesk.db", os.urandom(32)
        unsealed_s = time.perf_counter() - start
        restore_file(info.path, new, new_key, private_key=private)
        copied_s = time.perf_counter() - start
        Store.open(new, new_key).close()  # the new box's own open: checks and migrations
        restore_s = time.perf_counter() - start
        calls = info.counts.get("call", 0)
        from appliance.bench._rpo import measure_rpo

        rpo = measure_rpo(Path(tmp) / "rpo")
        result.figures = {
            "rpo_s": rpo.pop("rpo_s"),
            "snapshot_s": round(info.snapshot_s + info.seal_s, 2),
            "verify_s": round(info.verify_s, 2),
            "restore_s": round(restore_s, 2),
            "bytes_written_per_call": round(per_call),
        }
        result.context.update(
            calls=calls,
            customers=info.counts.get("customer", 0),
            database_mb=round(unlocked.vault.database_path.stat().st_size / 1e6, 1),
            backup_mb=round(info.bytes / 1e6, 1),
            export_s=round(info.snapshot_s, 2),
            seal_s=round(info.seal_s, 2),
            box_tag_check_s=round(tag_s, 2),
            calls_handled=sizes["handled"],
            restore_key_s=round(unsealed_s, 2),
            restore_copy_and_check_s=round(copied_s - unsealed_s, 2),
            restore_open_s=round(restore_s - copied_s, 2),
            **rpo,
        )
    result.budgets = {
        # A snapshot must finish well inside its 15-minute interval.
        "snapshot_s": Budget(300.0),
        "verify_s": Budget(300.0),
        # A replacement box restored in 15 minutes end to end; the file restore is a part.
        "restore_s": Budget(600.0),
        # SD-card care: at 1,000 calls a day, 256 KiB a call is 250 MB a day, which a 32 GB
        # card (about 3,000 erase cycles) takes for centuries even at 10x write amplification.
        "bytes_written_per_call": Budget(256 * 1024),
        # A destroyed box loses at most a minute of work (DESIGN §7).
        "rpo_s": Budget(60.0),
    }
    return result
