"""Sealed snapshots: written, verified, restored with the offline key, refused when damaged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from backups import (
    BackupDamagedError,
    BackupKeyError,
    BackupTargetError,
    Recipient,
    VerifyKey,
    list_backups,
    restore_file,
    take_snapshot,
)
from backups.verify import check_box_tag, header_of
from tests.backups.conftest import Box


def test_snapshot_restores_with_the_offline_key(
    box: Box,
    recipient: Recipient,
    offline_key: X25519PrivateKey,
    verify_key: VerifyKey,
    target: Path,
    tmp_path: Path,
) -> None:
    info = take_snapshot(box.path, box.key, recipient, target, verify_key=verify_key)
    assert [e.path for e in list_backups(target)] == [info.path]
    assert sorted(p.name for p in target.iterdir()) == [info.path.name]  # no temp left
    assert info.counts["call"] == 120 and info.counts["customer"] == 40
    assert check_box_tag(info.path, verify_key.key, verify_key.key_id) >= 1

    new_key = os.urandom(32)
    progress: list[tuple[int, int]] = []
    report = restore_file(
        info.path,
        tmp_path / "new" / "ringdesk.db",
        new_key,
        private_key=offline_key,
        progress=lambda d, t: progress.append((d, t)),
    )
    assert report.ok and report.counts == info.counts
    assert progress[-1][0] == progress[-1][1]
    from backups import sqlfile

    conn = sqlfile.connect(report.dest, new_key)
    assert conn.execute("SELECT count(*) FROM call").fetchone()[0] == 120
    assert sqlfile.problems(conn) == []
    conn.close()


def test_another_key_opens_nothing(
    box: Box, recipient: Recipient, target: Path, tmp_path: Path
) -> None:
    info = take_snapshot(box.path, box.key, recipient, target)
    with pytest.raises(BackupKeyError, match="recovery code"):
        restore_file(
            info.path, tmp_path / "x.db", os.urandom(32), private_key=X25519PrivateKey.generate()
        )
    assert not (tmp_path / "x.db").exists()


def _cut(path: Path, size: int, out: Path) -> Path:
    out.write_bytes(path.read_bytes()[:size])
    return out


def test_truncation_anywhere_is_detected(
    box: Box,
    recipient: Recipient,
    offline_key: X25519PrivateKey,
    verify_key: VerifyKey,
    target: Path,
    tmp_path: Path,
) -> None:
    # Small chunks, so cuts land on chunk boundaries too.
    info = take_snapshot(
        box.path, box.key, recipient, target, verify_key=verify_key, chunk_bytes=4096
    )
    full = info.path.stat().st_size
    header_len = len(header_of(info.path).to_bytes())
    cuts = {0, 10, header_len - 1, header_len, header_len + 4, full - 33, full - 32, full - 1}
    cuts |= {header_len + n * (4096 + 20) for n in range(1, 4)}  # exact chunk boundaries
    for n, size in enumerate(sorted(c for c in cuts if 0 <= c < full)):
        cut = _cut(info.path, size, tmp_path / f"cut{n}.rdbk")
        with pytest.raises(BackupDamagedError):
            check_box_tag(cut, verify_key.key, verify_key.key_id)
        with pytest.raises((BackupDamagedError, BackupKeyError)):
            restore_file(cut, tmp_path / f"r{n}.db", os.urandom(32), private_key=offline_key)
        assert not (tmp_path / f"r{n}.db").exists()


def test_a_flipped_byte_is_detected(
    box: Box,
    recipient: Recipient,
    offline_key: X25519PrivateKey,
    verify_key: VerifyKey,
    target: Path,
    tmp_path: Path,
) -> None:
    info = take_snapshot(box.path, box.key, recipient, target, verify_key=verify_key)
    data = info.path.read_bytes()
    for n, at in enumerate((30, len(data) // 2, len(data) - 40, len(data) - 1)):
        bad = tmp_path / f"bad{n}.rdbk"
        bad.write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :])
        with pytest.raises((BackupDamagedError, BackupKeyError)):
            check_box_tag(bad, verify_key.key, verify_key.key_id)
        if at < len(data) - 32:  # the tag itself is the box's concern only
            with pytest.raises((BackupDamagedError, BackupKeyError)):
                restore_file(bad, tmp_path / f"b{n}.db", os.urandom(32), private_key=offline_key)


def test_missing_target_is_a_clear_error(box: Box, recipient: Recipient, tmp_path: Path) -> None:
    with pytest.raises(BackupTargetError, match="USB"):
        take_snapshot(box.path, box.key, recipient, tmp_path / "gone")
    with pytest.raises(BackupTargetError, match="USB"):
        take_snapshot(box.path, box.key, recipient, tmp_path, require_mount=True)


def test_wrong_database_key_writes_nothing(box: Box, recipient: Recipient, target: Path) -> None:
    from backups import BackupError

    with pytest.raises(BackupError, match="cannot read"):
        take_snapshot(box.path, os.urandom(32), recipient, target)
    assert list(target.iterdir()) == []
