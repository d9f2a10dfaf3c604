"""Kill-and-check cycles shared by the crash and power-cut benches."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

DB_NAME = "ringdesk.db"


class Fault(Protocol):
    """What happens to the disk when the box dies (nothing, or a power cut)."""

    def mount(self) -> Path:
        """Start serving; returns the directory the writer uses."""

    def cut(self) -> None:
        """The moment of death for the disk (before the writer is killed)."""

    def unmount(self) -> None:
        """Clean up after the cut."""


@dataclass
class Tally:
    """Running figures over all cycles."""

    cycles: int = 0
    acked: int = 0
    lost: int = 0
    integrity_failures: int = 0
    lost_examples: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def prepare(backing: Path) -> tuple[bytes, int]:
    """A fresh migrated database in backing with one customer; returns (key, customer id)."""
    from appliance.core.actor import Actor
    from appliance.core.customers import create_customer
    from appliance.db.store import Store

    key = os.urandom(32)
    store = Store.open(backing / DB_NAME, key, create=True)
    customer = store.executor.call(
        lambda: int(create_customer(Actor.system("bench"), "山田 太郎", phones=["03-1234-5678"]).id)
    )
    store.close()
    return key, customer


def _read_acks(stream: object, sink: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        if line.endswith("\n"):  # a line cut short by the kill was never acknowledged
            sink.append(line.strip())


def one_cycle(
    workdir: Path,
    key: bytes,
    customer: int,
    sync: str,
    rng: random.Random,
    fault: Fault | None,
    max_run_s: float,
) -> list[str]:
    """Start the writer, kill it (after a cut, if any) at a random moment; returns its acks."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "appliance.bench._durability_writer"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    job = {
        "db": str(workdir / DB_NAME),
        "key": key.hex(),
        "sync": sync,
        "customer": customer,
        "seed": rng.randrange(1 << 30),
    }
    proc.stdin.write(json.dumps(job) + "\n")
    proc.stdin.close()
    lines: list[str] = []
    reader = threading.Thread(target=_read_acks, args=(proc.stdout, lines), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    # "ready" and the first ack: a loaded machine must not turn a cycle into a no-op.
    while len(lines) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(rng.uniform(0.0, max_run_s))
    if fault is not None:
        fault.cut()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=30)
    return [line for line in lines if line != "ready"]


def check(backing: Path, key: bytes, acks: list[str], tally: Tally) -> set[str] | None:
    """Open the database as a rebooted box would; the acks it lacks (None: it does not open)."""
    from appliance.db.connection import DatabaseOpenError, open_database

    try:
        db = open_database(backing / DB_NAME, key)  # runs cipher_integrity_check
    except DatabaseOpenError as exc:
        tally.integrity_failures += 1
        tally.problems.append(str(exc)[:200])
        return None
    try:
        bad = [str(r[0]) for r in db.sql("PRAGMA integrity_check") if r[0] != "ok"]
        if bad:
            tally.integrity_failures += 1
            tally.problems.append("; ".join(bad[:3]))
        rows = {
            ("call", int(i), str(t).removeprefix("bench "))
            for i, t in db.sql("SELECT id, raw_cid FROM call")
        }
        rows |= {
            ("note", int(i), str(b).split()[1].rstrip(":"))
            for i, b in db.sql("SELECT id, body FROM note WHERE body LIKE '配達メモ %'")
        }
    finally:
        db.close()
    # An ack counts only if its row is there with its own token (ids are reused after a loss).
    return {a for a in acks if (a.split()[0], int(a.split()[1]), a.split()[2]) not in rows}


def run_cycles(
    backing: Path,
    cycles: int,
    *,
    sync: str = "full",
    fault: Fault | None = None,
    seed: int = 1,
    max_run_s: float = 0.4,
) -> Tally:
    """cycles x (write, kill at random, reopen and check); every ack so far is checked."""
    rng = random.Random(seed)
    key, customer = prepare(backing)
    tally = Tally()
    acks: list[str] = []
    lost: set[str] = set()
    for _ in range(cycles):
        workdir = fault.mount() if fault is not None else backing
        try:
            new = one_cycle(workdir, key, customer, sync, rng, fault, max_run_s)
        finally:
            if fault is not None:
                fault.unmount()
        acks += new
        tally.acked += len(new)
        tally.cycles += 1
        missing = check(backing, key, acks, tally)
        if missing is None:  # the box would not boot: all of it is lost, stop here
            lost = set(acks)
            break
        lost |= missing
    tally.lost = len(lost)
    tally.lost_examples = sorted(lost)[:5]
    return tally
