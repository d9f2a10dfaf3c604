"""`ringdesk bench vault`: unlock times per slot kind, sealed inbox rates, key rotation time."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from appliance.bench.result import BenchResult, Budget

FULL = {"customers": 20_000, "calls": 50_000, "inbox": 500}
QUICK = {"customers": 2_000, "calls": 5_000, "inbox": 100}


def run(args: argparse.Namespace) -> BenchResult:
    """Create a vault with the real Argon2id cost, seed a store, time each vault operation."""
    from appliance.core.seeding import seed
    from appliance.vault.inbox import InboxWriter, merge_inbox
    from appliance.vault.inbox_handlers import CALL, apply_record, call_payload
    from appliance.vault.keys import Argon2Params
    from appliance.vault.vault import Vault

    sizes = QUICK if getattr(args, "quick", False) else FULL
    result = BenchResult("vault")
    argon = Argon2Params()
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-vault-") as tmp:
        data = Path(tmp) / "box"
        unlocked, code = Vault.create(data, argon=argon)
        unlocked.add_keyfile_slot(data / "bench.key")
        secret = unlocked.add_desk_slot("desk-1")
        store = unlocked.open_store(create=True)
        store.executor.call(seed, sizes["customers"], sizes["calls"])
        store.close()
        vault = Vault(data)

        start = time.perf_counter()
        vault.unlock_with_recovery(code)
        result.figures["recovery_unlock_s"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        vault.unlock_with_desk(secret)
        result.figures["desk_unlock_ms"] = round((time.perf_counter() - start) * 1000, 2)
        start = time.perf_counter()
        unlocked = vault.unlock_with_keyfile()
        result.figures["keyfile_unlock_ms"] = round((time.perf_counter() - start) * 1000, 2)

        writer = InboxWriter(vault.inbox_path, vault.inbox_public_key())
        numbers = [f"090{n:08d}" for n in range(sizes["inbox"])]
        start = time.perf_counter()
        for n in numbers:
            writer.append(CALL, call_payload("line1", number=n, caller_name="ヤマダ タロウ"))
        result.figures["inbox_append_per_s"] = round(len(numbers) / (time.perf_counter() - start))
        store = unlocked.open_store()
        start = time.perf_counter()
        store.executor.call(
            merge_inbox, vault.inbox_path, unlocked.inbox_private_key(), apply_record
        )
        result.figures["inbox_merge_per_s"] = round(len(numbers) / (time.perf_counter() - start))
        start = time.perf_counter()
        unlocked.rotate(store)
        result.figures["rotate_s"] = round(time.perf_counter() - start, 3)
        store.close()
        result.context["database_mb"] = round(vault.database_path.stat().st_size / 1e6, 1)
    result.budgets = {
        # Argon2id is meant to be slow; a person waits for it once, on a bad day.
        "recovery_unlock_s": Budget(5.0),
        "desk_unlock_ms": Budget(50.0),
        "keyfile_unlock_ms": Budget(50.0),
        # Calls arrive at a few per minute per line; each append is fsynced.
        "inbox_append_per_s": Budget(20, at_least=True),
        "inbox_merge_per_s": Budget(50, at_least=True),
        "rotate_s": Budget(120.0),
    }
    result.context.update(
        customers=sizes["customers"],
        calls=sizes["calls"],
        inbox_records=sizes["inbox"],
        argon2id=f"t={argon.time_cost} m={argon.memory_kib} KiB p={argon.parallelism}",
    )
    return result
