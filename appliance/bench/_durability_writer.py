"""The writer the crash and power-cut benches kill: commits calls and notes, acks each one.

`python -m appliance.bench._durability_writer` reads one JSON line on stdin (database path,
hex key, synchronous mode), prints `ready`, then commits forever through the core use cases,
alternating a call and a note, and prints `call ID` / `note ID` only after each commit."""

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

    def one(n: int) -> str:
        if n % 2:
            body = f"配達メモ {n}: 裏口へ"
            note = add_note(actor, customer, body, time_spent_s=rng.randrange(90))
            return f"note {note.id}"
        call = create_call(actor, "line1", number=f"090{rng.randrange(10**8):08d}",
                           caller_name="ヤマダ タロウ")  # fmt: skip
        return f"call {call.id}"

    n = 0
    while True:
        ack = store.executor.call(one, n)  # returns after the commit
        out.write(ack + "\n")
        out.flush()
        n += 1


if __name__ == "__main__":
    sys.exit(main())
