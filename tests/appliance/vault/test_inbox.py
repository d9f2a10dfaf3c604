"""The sealed inbox: written with the public key only, merged in order exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.db.models import AuditLog, Setting
from appliance.vault import keys
from appliance.vault.errors import InboxDamagedError
from appliance.vault.inbox import (
    Handler,
    InboxWriter,
    MergeReport,
    merge_inbox,
    pending_records,
    quarantine_torn_tail,
)
from appliance.vault.inbox_format import InboxHeader, InboxRecord, build_frame, build_header, parse
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault


def _write(vault: Vault, n: int) -> list[bytes]:
    writer = InboxWriter(vault.inbox_path, vault.inbox_public_key())
    payloads = [f"event {i} 着信 03-5555-{i:04d}".encode() for i in range(n)]
    for p in payloads:
        writer.append("test", p)
    return payloads


def _merge(unlocked: Unlocked, handler: Handler) -> MergeReport:
    store = unlocked.open_store(create=True)
    try:
        return store.executor.call(
            merge_inbox, unlocked.vault.inbox_path, unlocked.inbox_private_key(), handler
        )
    finally:
        store.close()


def test_locked_writer_needs_no_secret_and_hides_content(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    vault = Vault(unlocked.vault.data_dir)
    _write(vault, 3)
    raw = vault.inbox_path.read_bytes()
    assert b"event" not in raw and "着信".encode() not in raw
    assert pending_records(vault.inbox_path) == 3
    # A second writer (box restarted while locked) continues the numbering.
    assert InboxWriter(vault.inbox_path, vault.inbox_public_key()).append("test", b"x") == 4


def test_merge_applies_in_order_then_removes_file(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    payloads = _write(unlocked.vault, 5)
    seen: list[InboxRecord] = []
    report = _merge(unlocked, seen.append)
    assert [r.payload for r in seen] == payloads and [r.seq for r in seen] == [1, 2, 3, 4, 5]
    assert {r.kind for r in seen} == {"test"}
    assert report.applied == 5 and not unlocked.vault.inbox_path.exists()


@pytest.mark.parametrize("batch", [1, 4, 64])
def test_crash_mid_merge_resumes_exactly_once(
    made: tuple[Unlocked, str], batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("appliance.vault.inbox.BATCH", batch)
    unlocked, _ = made
    payloads = _write(unlocked.vault, 6)
    applied: list[bytes] = []

    def crashing(record: InboxRecord) -> None:
        Setting.create(key=f"applied.{record.seq}", value="1")  # a db write in the same txn
        applied.append(record.payload)
        if record.seq == 4:
            raise RuntimeError("power cut during record 4")

    with pytest.raises(RuntimeError):
        _merge(unlocked, crashing)
    assert unlocked.vault.inbox_path.exists()

    def steady(record: InboxRecord) -> None:
        Setting.create(key=f"applied.{record.seq}", value="1")
        applied.append(record.payload)

    report = _merge(unlocked, steady)
    committed = 3 if batch == 1 else 0  # a crashed batch rolls back as a whole
    assert (report.applied, report.skipped) == (6 - committed, committed)
    # the crashed batch ran twice in Python but its first transaction rolled back
    assert applied == payloads[:4] + payloads[committed:]
    store = unlocked.open_store()
    keys_in_db = store.executor.call(
        lambda: sorted(s.key for s in Setting.select().where(Setting.key.startswith("applied.")))
    )
    store.close()
    assert keys_in_db == [f"applied.{i}" for i in range(1, 7)]


def test_tampered_record_merges_nothing(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    _write(unlocked.vault, 3)
    path = unlocked.vault.inbox_path
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x40
    path.write_bytes(bytes(data))
    seen: list[InboxRecord] = []
    with pytest.raises(InboxDamagedError, match="record 3 fails authentication"):
        _merge(unlocked, seen.append)
    assert seen == [] and path.read_bytes() == bytes(data)
    store = unlocked.open_store()
    reports = store.executor.call(
        lambda: [(a.entity, a.action) for a in AuditLog.select().where(AuditLog.entity == "vault")]
    )
    store.close()
    assert reports == [("vault", "inbox_refused")]


def test_removed_record_is_detected(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    _write(unlocked.vault, 3)
    path = unlocked.vault.inbox_path
    parsed = parse(path.read_bytes())
    data = path.read_bytes()
    second = parsed.frames[1].offset
    third = parsed.frames[2].offset
    path.write_bytes(data[:second] + data[third:])
    with pytest.raises(InboxDamagedError, match="record 2 is missing"):
        _merge(unlocked, lambda r: None)


def test_torn_tail_is_reported_then_set_aside(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    payloads = _write(unlocked.vault, 3)
    path = unlocked.vault.inbox_path
    full = path.read_bytes()
    path.write_bytes(full[:-10])
    with pytest.raises(InboxDamagedError, match="incomplete"):
        _merge(unlocked, lambda r: None)
    assert quarantine_torn_tail(path) > 0
    assert list(path.parent.glob("inbox.sealed.torn-*"))
    seen: list[InboxRecord] = []
    _merge(unlocked, seen.append)
    assert [r.payload for r in seen] == payloads[:2]


def test_inbox_sealed_to_another_key_is_refused(made: tuple[Unlocked, str], tmp_path: Path) -> None:
    unlocked, _ = made
    InboxWriter(unlocked.vault.inbox_path, keys.public_bytes(keys.inbox_private_key(b"k" * 32)))
    with pytest.raises(InboxDamagedError, match="different key"):
        _merge(unlocked, lambda r: None)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.integers(0, 3))
def test_parse_survives_garbage(garbage: bytes, frames: int) -> None:
    header = InboxHeader(b"\x01" * 16, keys.public_bytes(keys.inbox_private_key(b"z" * 32)))
    good = build_header(header) + b"".join(
        build_frame(header, i + 1, "test", b"p") for i in range(frames)
    )
    for data in (garbage, good + garbage, good[: len(garbage)]):
        try:
            parsed = parse(data)
        except InboxDamagedError as exc:
            assert "nothing was merged" in str(exc)
            continue
        assert parsed.torn_bytes >= 0 and len(parsed.frames) <= frames + len(garbage)
