"""Space: warnings before full, expired recordings make room first, a full quota or a removed
drive stops recording with a clear message and loses nothing else."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from appliance.core.actor import Actor
from appliance.core.settings import set_setting
from appliance.db.models import Recording, utcnow
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.errors import StorageError
from appliance.recordings.quota import QuotaPolicy
from appliance.recordings.retention import SETTING
from appliance.recordings.store import OpenBox, RecordingStore
from tests.appliance.recordings.audio import voice
from tests.appliance.recordings.conftest import Warnings, customer_call


def _record(
    rstore: RecordingStore, call_id: int, seconds: float, started_at: dt.datetime | None = None
) -> str:
    sink = rstore.open(call_id, started_at=started_at)
    sink.write(voice(seconds))
    assert sink.close().error is None
    return sink.uid


def test_quota_warns_then_frees_expired_then_stops(
    tmp_path: Path, store: Store, warnings: Warnings
) -> None:
    _, call_id = customer_call(store)
    store.executor.call(set_setting, Actor.system(), SETTING, 30)
    policy = QuotaPolicy(max_bytes=24_000, warn_fraction=0.5, min_free_bytes=0)
    rstore = RecordingStore(
        tmp_path / "rec", OpenBox(store), policy=policy, on_warning=warnings, create_root=True
    )
    old = _record(rstore, call_id, 6.0, started_at=utcnow() - dt.timedelta(days=45))
    recent = _record(rstore, call_id, 6.0)
    assert any("nearly full" in t and "残りわずか" in t for t in warnings.texts)
    sink = rstore.open(call_id)  # no room for a minute: the expired one goes first
    assert store.executor.call(rows.by_uid, old) is None
    assert not (tmp_path / "rec" / f"{old}.rdrec").exists()
    sink.write(voice(30.0))
    result = sink.close()
    assert result.error is not None and "quota" in result.error and "上限" in result.error
    assert 5.0 < result.seconds < 30.0
    row = store.executor.call(rows.by_uid, sink.uid)
    assert row is not None and row.state == "cut" and row.duration_s == result.seconds
    assert store.executor.call(rows.by_uid, recent) is not None  # within retention: kept
    with pytest.raises(StorageError, match="not recorded"):
        rstore.open(call_id)
    assert sum(p.stat().st_size for p in (tmp_path / "rec").iterdir()) <= policy.max_bytes


def test_the_disk_reserve_is_never_used(tmp_path: Path, store: Store, warnings: Warnings) -> None:
    _, call_id = customer_call(store)
    policy = QuotaPolicy(min_free_bytes=10**18)
    rstore = RecordingStore(
        tmp_path / "rec", OpenBox(store), on_warning=warnings, policy=policy, create_root=True
    )
    with pytest.raises(StorageError, match="almost full"):
        rstore.open(call_id)
    assert warnings.texts and "空き" in warnings.texts[0]
    assert list((tmp_path / "rec").iterdir()) == []


def test_a_removed_drive_stops_the_recording_not_the_box(
    tmp_path: Path, store: Store, warnings: Warnings
) -> None:
    _, call_id = customer_call(store)
    usb = tmp_path / "media" / "usb" / "ringdesk"
    usb.mkdir(parents=True)
    rstore = RecordingStore(usb, OpenBox(store), on_warning=warnings, chunk_seconds=0.5)
    sink = rstore.open(call_id)
    sink.write(voice(1.2))
    while sink.seconds < 1.0:  # two chunks are on the stick
        time.sleep(0.01)
    shutil.rmtree(usb.parent)  # the stick is pulled
    sink.write(voice(2.0))
    result = sink.close()
    assert result.error is not None and "drive is gone" in result.error
    assert "ドライブ" in warnings.texts[-1]
    row = store.executor.call(rows.by_uid, sink.uid)
    assert row is not None and row.state == "cut"
    with pytest.raises(StorageError, match="drive is gone"):
        rstore.open(call_id)
    assert not usb.exists()  # never recreated on the system disk


def test_retention_purge_keeps_recent_ones(
    tmp_path: Path, store: Store, rstore: RecordingStore
) -> None:
    _, call_id = customer_call(store)
    store.executor.call(set_setting, Actor.system(), SETTING, 7)
    old = [_record(rstore, call_id, 0.5, utcnow() - dt.timedelta(days=d)) for d in (8, 30)]
    new = _record(rstore, call_id, 0.5, utcnow() - dt.timedelta(days=6))
    assert rstore.purge_expired() == 2
    left = store.executor.call(lambda: [r.uid for r in Recording.select()])
    assert left == [new]
    assert sorted(p.name for p in rstore.root.iterdir()) == [f"{new}.rdrec"]
    assert all(not (rstore.root / f"{u}.rdrec").exists() for u in old)


def test_a_drive_pulled_between_two_checks_is_still_reported(tmp_path: Path) -> None:
    from appliance.recordings.quota import QuotaGuard

    usb = tmp_path / "usb"
    usb.mkdir()
    guard = QuotaGuard(usb, QuotaPolicy(min_free_bytes=0), lambda text: None)
    assert guard.refusal(1000) is None
    usb.rmdir()
    why = guard.refusal(1000)
    assert why is not None and "drive is gone" in why
