"""Rotation: keep the newest backup of each of the last 96 quarter-hours, 30 days, 12 months."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from backups.catalog import Entry, list_backups


@dataclass(frozen=True)
class Policy:
    """How many quarter-hourly, daily and monthly backups are kept."""

    quarter_hourly: int = 96
    daily: int = 30
    monthly: int = 12


DEFAULT_POLICY = Policy()


def _quarter(t: dt.datetime) -> tuple[int, int, int, int, int]:
    return (t.year, t.month, t.day, t.hour, t.minute // 15)


def _day(t: dt.datetime) -> tuple[int, int, int]:
    return (t.year, t.month, t.day)


def _month(t: dt.datetime) -> tuple[int, int]:
    return (t.year, t.month)


def to_keep(entries: Iterable[Entry], policy: Policy = DEFAULT_POLICY) -> set[Path]:
    """The paths rotation keeps: for each tier, the newest backup in each of its newest slots."""
    newest_first = sorted(entries, key=lambda e: (e.created_at, e.path.name), reverse=True)
    keep: set[Path] = set()
    tiers: list[tuple[Callable[[dt.datetime], object], int]] = [
        (_quarter, policy.quarter_hourly),
        (_day, policy.daily),
        (_month, policy.monthly),
    ]
    for slot_of, count in tiers:
        seen: set[object] = set()
        for entry in newest_first:
            slot = slot_of(entry.created_at.astimezone(dt.UTC))
            if slot not in seen and len(seen) < count:
                seen.add(slot)
                keep.add(entry.path)
    return keep


def prune(folder: Path, policy: Policy = DEFAULT_POLICY) -> list[Path]:
    """Delete the backups in folder that rotation does not keep; returns what was deleted."""
    entries = list_backups(folder)
    keep = to_keep(entries, policy)
    removed = []
    for entry in entries:
        if entry.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
            removed.append(entry.path)
    return removed
