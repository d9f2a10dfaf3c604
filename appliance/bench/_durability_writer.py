"""The writer the crash and power-cut benches kill: commits calls and notes, acks each one.

`python -m appliance.bench._durability_writer` reads one JSON line on stdin (database path,
hex key, synchronous mode), prints `ready`, then commits forever through the core use cases,
alternating a call and a note, printing `call ID TOKEN` / `note ID TOKEN` after each commit."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path


def main() -> int:
    """Write and acknowledge until killed."""
    from appliance.core.actor import Actor
    from appliance.core.call_log import create_call
    from appliance.core.notes import add_note
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

    def one(n: int) -> str:
        # A token unique to this row, so an id reused after a loss cannot pass for it.
        token = f"{run}-{n}"
        if n % 2:
            body = f"配達メモ {token}: 裏口へ"
            note = add_note(actor, customer, body, time_spent_s=rng.randrange(90))
            return f"note {note.id} {token}"
        call = create_call(actor, "line1", number=f"090{rng.randrange(10**8):08d}",
                           caller_name="ヤマダ タロウ", raw_cid=f"bench {token}")  # fmt: skip
        return f"call {call.id} {token}"

    n = 0
    while True:
        ack = store.executor.call(one, n)  # returns after the commit
        out.write(ack + "\n")
        out.flush()
        n += 1


if __name__ == "__main__":
    sys.exit(main())
