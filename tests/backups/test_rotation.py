"""Rotation keeps 96 quarter-hourly, 30 daily and 12 monthly backups and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from backups.catalog import Entry, file_name, list_backups
from backups.rotation import Policy, prune, to_keep


def _entries(times: list[dt.datetime]) -> list[Entry]:
    return [Entry(Path(file_name(t, i)), t) for i, t in enumerate(times)]


def test_a_year_of_backups_keeps_the_tiers() -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    # hourly for a year, then every quarter-hour for the last two days
    times = [start + dt.timedelta(hours=n) for n in range(365 * 24)]
    times += [times[-1] + dt.timedelta(minutes=15 * n) for n in range(1, 2 * 96 + 1)]
    entries = _entries(times)
    keep = to_keep(entries)
    kept = sorted(e.created_at for e in entries if e.path in keep)
    last = times[-1]
    recent = [t for t in kept if last - t < dt.timedelta(hours=24)]
    assert len(recent) == 96  # every quarter-hour of the last day
    days = {t.date() for t in kept}
    assert len([d for d in days if (last.date() - d).days < 30]) == 30
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= 96 + 30 + 12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400 * 24 * 60), min_size=1, max_size=300))
def test_newest_is_always_kept_and_tiers_are_bounded(minutes: list[int]) -> None:
    start = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    times = [start + dt.timedelta(minutes=m) for m in minutes]
    entries = _entries(times)
    keep = to_keep(entries, Policy())
    newest = max(entries, key=lambda e: (e.created_at, e.path.name))
    assert newest.path in keep
    assert len(keep) <= 96 + 30 + 12
    quarters = {(t.year, t.month, t.day, t.hour, t.minute // 15) for t in times}
    assert len(keep) >= min(len(quarters), 96)


def test_prune_deletes_only_rotated_backups(tmp_path: Path) -> None:
    start = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for n in range(10):
        (tmp_path / file_name(start + dt.timedelta(minutes=5 * n))).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not a backup")
    removed = prune(tmp_path, Policy(quarter_hourly=2, daily=1, monthly=1))
    left = list_backups(tmp_path)
    # ten backups in 50 minutes span four quarter-hours; the newest of the last two stay
    assert [e.created_at.minute for e in left] == [40, 45]
    assert len(removed) == 8 and (tmp_path / "notes.txt").exists()
