"""`ringdesk bench powercut --cycles N`: like crash, but each cut also drops unsynced writes.

The writer runs on a FUSE passthrough (appliance.bench._faultfs) that keeps written data in
its own memory until the file is fsynced, and undoes creates, unlinks and renames that no
directory fsync covered. Each cycle SIGKILLs that layer first (the disk loses power), then the
writer; the database is then opened straight from the backing directory. With `--sync off`
acked rows are lost: the layer works.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from appliance.bench._durability import run_cycles
from appliance.bench.result import BenchResult, Budget

DEFAULT_CYCLES = 100
QUICK_CYCLES = 10


class FuseUnavailableError(RuntimeError):
    """FUSE cannot be used on this machine; the message says what is missing."""


class PowerCut:
    """Mounts the fault layer over backing at mountpoint; cut() kills it (data not synced: gone)."""

    def __init__(self, backing: Path, mountpoint: Path) -> None:
        self.backing, self.mountpoint = backing, mountpoint
        self.state = backing.parent / f".{backing.name}.faultfs"
        self.proc: subprocess.Popen[bytes] | None = None
        self.cuts = 0
        self.undone = 0  # namespace changes no directory fsync covered

    @staticmethod
    def check() -> None:
        """Raise FuseUnavailableError unless /dev/fuse and fusermount3 are usable."""
        if not Path("/dev/fuse").exists() or shutil.which("fusermount3") is None:
            raise FuseUnavailableError(
                "FUSE が使えません / FUSE is unavailable: the power-cut layer needs /dev/fuse "
                "and fusermount3 (Debian: apt-get install fuse3) and must run as root"
            )

    def mount(self) -> Path:
        """Start the layer and wait until the mount answers."""
        self.mountpoint.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "appliance.bench._faultfs",
                str(self.backing),
                str(self.mountpoint),
                str(self.state),
            ],
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not os.path.ismount(self.mountpoint):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.unmount()
                raise FuseUnavailableError(
                    "FUSE をマウントできません / could not mount the fault layer "
                    f"at {self.mountpoint} (not root, or no FUSE in this container?)"
                )
            time.sleep(0.01)
        return self.mountpoint

    def cut(self) -> None:
        """Power cut: the layer dies with every write that was not fsynced."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            self.cuts += 1

    def unmount(self) -> None:
        """Detach the dead (or live) mount and revert namespace changes never dir-synced."""
        from appliance.bench._faultfs_namespace import undo

        self.cut()
        subprocess.run(
            ["fusermount3", "-u", "-z", str(self.mountpoint)],
            stderr=subprocess.DEVNULL,
            check=False,
        )
        self.undone += undo(self.backing, self.state)


def run(args: argparse.Namespace) -> BenchResult:
    """cycles x (write through the layer, cut, kill the writer, open the backing copy, check)."""
    cycles = getattr(args, "cycles", None) or (
        QUICK_CYCLES if getattr(args, "quick", False) else DEFAULT_CYCLES
    )
    sync = getattr(args, "sync", None) or "full"
    PowerCut.check()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-powercut-") as tmp:
        backing = Path(tmp) / "disk"
        backing.mkdir()
        fault = PowerCut(backing, Path(tmp) / "mnt")
        tally = run_cycles(backing, cycles, sync=sync, fault=fault)
    result = BenchResult("powercut")
    result.figures = {
        "cycles": tally.cycles,
        "acked": tally.acked,
        "lost": tally.lost,
        "integrity_failures": tally.integrity_failures,
    }
    result.budgets = {
        "lost": Budget(0),
        "integrity_failures": Budget(0),
        "cycles": Budget(cycles, at_least=True),
    }
    result.context = {
        "synchronous": sync,
        "power_cuts": fault.cuts,
        "fault_layer": "FUSE passthrough holding unsynced data in memory, SIGKILLed first",
        "durable_only": "data and truncation at file fsync; create/unlink/rename at "
        "directory fsync",
        "namespace_changes_undone": fault.undone,
        "seconds": round(time.perf_counter() - start, 1),
    }
    if tally.lost_examples:
        result.context["lost_examples"] = tally.lost_examples
    if tally.problems:
        result.context["problems"] = tally.problems[:3]
    return result
