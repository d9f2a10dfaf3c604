"""Shared machinery of the pop and load benches: a seeded box process on pty modem emulators,
a second process of desks, and latency from the emulator's caller-ID bytes to each desk."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from drivers.modem import ModemEmulator

BENCH_USER, BENCH_PASSWORD = "bench-admin", "hakone-onsen-2026"


class TimedEmulator(ModemEmulator):
    """The pty emulator, noting (CLOCK_MONOTONIC) when each call's caller-ID lines are written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cid_written: dict[str, float] = {}  # number -> time its last caller-ID line went out

    def _send(self, data: bytes) -> None:
        super()._send(data)
        for number in self.cid_numbers(data):
            self.cid_written[number] = time.monotonic()

    @staticmethod
    def cid_numbers(data: bytes) -> list[str]:
        """Numbers in the NMBR lines of a chunk the emulator wrote."""
        found = []
        for line in data.split(b"\r\n"):
            label, sep, value = line.partition(b"=")
            if sep and label.strip() == b"NMBR":
                found.append(value.strip().decode("ascii", "replace"))
        return found


def prepare_box(
    data: Path,
    customers: int,
    calls: int,
    lines: list[tuple[str, str]],
    other_lines: Sequence[str] = (),
) -> list[str]:
    """A box with a vault on a key file, seeded data, an admin and modem lines (plus
    `other_lines`, ready [[lines]] TOML of other kinds); returns distinct numbers of seeded
    customers (national digits) to call with."""
    from appliance.core.access.passwords import hash_password
    from appliance.core.actor import Actor
    from appliance.core.seeding import seed
    from appliance.core.users import create_user
    from appliance.db.models import Phone
    from appliance.vault.session import demo_vault

    data.mkdir(parents=True, exist_ok=True)
    unlocked = demo_vault(data)
    store = unlocked.open_store(create=True)
    try:
        store.executor.call(seed, customers, calls, seed=5)
        store.executor.call(
            create_user,
            Actor.system("bench"),
            BENCH_USER,
            role="admin",
            password_hash=hash_password(BENCH_PASSWORD),
        )
        numbers = store.executor.call(
            lambda: [p.national for p in Phone.select().where(Phone.region == "JP").limit(500)]
        )
    finally:
        store.close()
    toml = ['name = "bench"', 'region = "JP"']
    for name, device in lines:
        toml += ["[[lines]]", f'name = "{name}"', 'driver = "modem"', f'device = "{device}"']
    toml += other_lines
    toml += ["[backup]", "enabled = false"]  # a backup's CPU would fall inside the measured time
    (data / "ringdesk.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    # customers may share a phone: a number is placed once, or its latencies would be measured
    # against the write time of its other call
    return list(dict.fromkeys(str(n) for n in numbers))


@dataclass
class Running:
    """The box and desk processes, and what the desks have seen."""

    box: subprocess.Popen[str]
    cold_start_s: float
    port: int
    desks: subprocess.Popen[str] | None = None
    seen: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rss_mb(self) -> tuple[float, float]:
        """The box's resident set now and at its peak, MiB."""
        fields = {}
        for line in Path(f"/proc/{self.box.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def start_box(
    data: Path, log: IO[str], *box_args: str
) -> tuple[subprocess.Popen[str], float, dict[str, Any]]:
    """The box process on `data` (any free port, no discovery), its cold start in seconds and
    its ready line (port, fingerprint, pairing code)."""
    ringdesk = str(Path(sys.executable).with_name("ringdesk"))
    t0 = time.monotonic()
    box = subprocess.Popen(
        [
            ringdesk,
            "box",
            "--data",
            str(data),
            "--port",
            "0",
            "--ready-json",
            "--no-discovery",
            *box_args,
        ],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    assert box.stdout is not None
    line = box.stdout.readline()
    if not line:
        stop_process(box)
        raise RuntimeError("box did not start: " + (data.parent / "box.log").read_text())
    return box, time.monotonic() - t0, json.loads(line)


@contextmanager
def box_and_desks(data: Path, desks: int, *box_args: str) -> Iterator[Running]:
    """Start the box process (timing its cold start), then the desk process; stop both after."""
    log = (data.parent / "box.log").open("w", encoding="utf-8")
    procs: list[subprocess.Popen[str]] = []
    try:
        box, cold_start_s, ready = start_box(data, log, *box_args)
        procs.append(box)
        run = Running(box, cold_start_s, int(ready["port"]))
        cfg = {
            "port": run.port,
            "cert": (data / "box-cert.pem").read_text(),
            "fingerprint": ready["fingerprint"],
            "code": ready["pairing_code"],
            "username": BENCH_USER,
            "password": BENCH_PASSWORD,
            "desks": desks,
        }
        run.desks = subprocess.Popen(
            [sys.executable, "-m", "appliance.bench._desk_swarm"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ},
        )
        procs.append(run.desks)
        assert run.desks.stdin is not None and run.desks.stdout is not None
        run.desks.stdin.write(json.dumps(cfg) + "\n")
        run.desks.stdin.flush()
        if run.desks.stdout.readline().strip() != "ready":
            raise RuntimeError("desks did not start: " + (data.parent / "box.log").read_text())
        threading.Thread(target=_collect, args=(run,), daemon=True).start()
        yield run
    finally:
        for proc in reversed(procs):
            stop_process(proc)
        log.close()


def stop_process(proc: subprocess.Popen[str] | None) -> None:
    """Terminate `proc` if it still runs; kill it if it has not gone after 15 s."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _collect(run: Running) -> None:
    assert run.desks is not None and run.desks.stdout is not None
    for line in run.desks.stdout:
        with run.lock:
            run.seen.append(json.loads(line))


async def wait_for(run: Running, count: int, timeout_s: float) -> None:
    """Until the desks have seen `count` pops in all, or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with run.lock:
            if len(run.seen) >= count:
                return
        await asyncio.sleep(0.05)


def first_pops(seen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each desk's first pop of each call (a pop updated later is the same pop)."""
    firsts: dict[tuple[int, int], dict[str, Any]] = {}
    for s in seen:
        firsts.setdefault((s["desk"], s["call_id"]), s)
    return list(firsts.values())


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]
