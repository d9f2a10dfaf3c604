"""The writer the crash and power-cut benches kill: commits calls and notes, acks each one.

`python -m appliance.bench._durability_writer` reads one JSON line on stdin (database path,
hex key, synchronous mode), prints `ready`, then commits forever through the core use cases:
bursts of 1-8 calls at once through the call path's CommitGroup (one commit per batch), then
a note on its own, printing `call ID TOKEN` / `note ID TOKEN` as each one's commit returns."""

from __future__ import annotations

import asyncio
import json
import random
import sys
from pathlib import Path


def main() -> int:
    """Write and acknowledge until killed."""
    from appliance.core.actor import Actor
    from appliance.core.call_log import create_call
    from appliance.core.notes import add_note
    from appliance.db.group_commit import CommitGroup
    from appliance.db.store import Store

    job = json.loads(sys.stdin.readline())
    store = Store.open(Path(job["db"]), bytes.fromhex(job["key"]), check_integrity=False)
    db = store.db
    if job.get("sync", "full") != "full":
        store.executor.call(db.sql, f"PRAGMA synchronous = {job['sync']}")
    rng = random.Random(job.get("seed", 0))
    actor = Actor.system("bench")
    customer = int(job["customer"])
    out = sys.stdout
    out.write("ready\n")
    out.flush()

    run = job.get("seed", 0)

    # A token unique to each row, so an id reused after a loss cannot pass for it.
    def note(token: str) -> str:
        body = f"配達メモ {token}: 裏口へ"
        row = add_note(actor, customer, body, time_spent_s=rng.randrange(90))
        return f"note {row.id} {token}"

    def call(token: str, number: str) -> str:
        row = create_call(
            actor, "line1", number=number, caller_name="ヤマダ タロウ", raw_cid=f"bench {token}"
        )
        return f"call {row.id} {token}"

    def ack(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    async def forever() -> None:
        group, n = CommitGroup(store.executor), 0
        while True:

            async def one(token: str, number: str) -> None:
                ack(await group.run(call, token, number))  # returns after the batch commit

            burst = [
                one(f"{run}-{n + i}", f"090{rng.randrange(10**8):08d}")
                for i in range(rng.randint(1, 8))
            ]
            n += len(burst)
            await asyncio.gather(*burst)
            ack(await store.executor.run(note, f"{run}-{n}"))
            n += 1

    asyncio.run(forever())
    return 0


if __name__ == "__main__":
    sys.exit(main())
