"""Durability proofs in a few cycles (the benches run hundreds): kill, power cut, reopen."""

from __future__ import annotations

import os
import random
from pathlib import Path

from appliance.bench._durability import run_cycles
from appliance.bench.powercut import PowerCut


def test_sigkill_loses_no_acknowledged_row(tmp_path: Path) -> None:
    tally = run_cycles(tmp_path, 2, seed=7, max_run_s=0.2)
    assert tally.cycles == 2 and tally.acked > 0
    assert (tally.lost, tally.integrity_failures) == (0, 0), tally


def test_power_cut_with_full_sync_loses_nothing(tmp_path: Path) -> None:
    backing = tmp_path / "disk"
    backing.mkdir()
    tally = run_cycles(backing, 2, fault=PowerCut(backing, tmp_path / "mnt"), seed=3, max_run_s=0.2)
    assert tally.acked > 0
    assert (tally.lost, tally.integrity_failures) == (0, 0), tally


def test_power_cut_without_sync_loses_acked_rows(tmp_path: Path) -> None:
    # The same layer with synchronous=OFF: acks were given for data only in memory.
    backing = tmp_path / "disk"
    backing.mkdir()
    tally = run_cycles(
        backing, 1, sync="off", fault=PowerCut(backing, tmp_path / "mnt"), seed=3, max_run_s=0.2
    )
    assert tally.acked > 0
    assert tally.lost > 0


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


def _mounted(tmp_path: Path) -> tuple[PowerCut, Path, Path]:
    backing = tmp_path / "disk"
    backing.mkdir()
    cut = PowerCut(backing, tmp_path / "mnt")
    return cut, backing, cut.mount()


def test_layer_keeps_only_what_was_fsynced(tmp_path: Path) -> None:
    cut, backing, mnt = _mounted(tmp_path)
    rng = random.Random(5)
    synced = bytes(rng.randrange(256) for _ in range(10_000))
    try:
        with open(mnt / "a.bin", "wb") as fh:
            fh.write(synced)
            fh.flush()
            os.fsync(fh.fileno())
            fh.seek(3000)
            fh.write(b"unsynced" * 1000)  # overwrites and extends, never synced
            fh.flush()
        assert (mnt / "a.bin").read_bytes()[3000:3008] == b"unsynced"  # visible while up
        assert (mnt / "a.bin").stat().st_size == 11_000
        fd = os.open(mnt / "b.bin", os.O_CREAT | os.O_RDWR)
        os.write(fd, b"x" * 5000)
        os.fsync(fd)
        os.ftruncate(fd, 100)  # a truncation that was never synced
        assert os.fstat(fd).st_size == 100
        os.close(fd)
        fd = os.open(mnt / "c.bin", os.O_CREAT | os.O_RDWR)
        os.write(fd, b"y" * 9000)
        os.ftruncate(fd, 4100)
        os.write(fd, b"z")  # at offset 9000: the gap reads as zeros
        os.fdatasync(fd)
        os.close(fd)
        _fsync_dir(mnt)  # the three new names are durable
    finally:
        cut.unmount()
    assert (backing / "a.bin").read_bytes() == synced
    assert (backing / "b.bin").read_bytes() == b"x" * 5000
    assert (backing / "c.bin").read_bytes() == b"y" * 4100 + bytes(4900) + b"z"


def test_layer_undoes_names_no_directory_fsync_covered(tmp_path: Path) -> None:
    cut, backing, mnt = _mounted(tmp_path)
    (backing / "kept.db").write_bytes(b"durable")
    (backing / "old.log").write_bytes(b"log")
    try:
        with open(mnt / "synced.bin", "wb") as fh:
            fh.write(b"s")
            os.fsync(fh.fileno())
        _fsync_dir(mnt)
        with open(mnt / "data-only.bin", "wb") as fh:  # data synced, its name never
            fh.write(b"d")
            os.fsync(fh.fileno())
        (mnt / "kept.db").unlink()
        (mnt / "old.log").rename(mnt / "new.log")
        assert not (mnt / "kept.db").exists() and (mnt / "new.log").exists()
    finally:
        cut.unmount()
    assert sorted(p.name for p in backing.iterdir()) == ["kept.db", "old.log", "synced.bin"]
    assert (backing / "kept.db").read_bytes() == b"durable"
    assert cut.undone == 3
