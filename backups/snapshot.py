"""Take a sealed snapshot: consistent copy, sealed to the recovery key, fsync, rename, verify."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from backups import sqlfile
from backups.catalog import free_name
from backups.container import CHUNK_BYTES, Header, SealedWriter
from backups.drill import DrillReport, drill
from backups.errors import BackupError
from backups.sealing import new_file_key, seal_file_key, subkey
from backups.target import check_target, explain
from backups.verify import verify_with_file_key


@dataclass(frozen=True)
class Recipient:
    """The offline X25519 public key backups are sealed to, and the public hints (salt, KDF
    cost) that restore needs to rebuild its private half from the recovery code."""

    public: bytes
    hint: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyKey:
    """A box-held key that tags each backup so the box can check files it cannot read."""

    key: bytes
    key_id: str


@dataclass
class BackupInfo:
    """What one snapshot produced and how long each step took."""

    path: Path
    created_at: dt.datetime
    bytes: int
    counts: dict[str, int]
    snapshot_s: float
    seal_s: float
    verify_s: float
    drill: DrillReport | None = None


def fsync_dir(folder: Path) -> None:
    """Make a rename in folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _export(db_path: Path, db_key: bytes, dest: Path, dest_key: bytes) -> dict[str, int]:
    if not Path(db_path).is_file():
        raise BackupError(f"データベースがありません / no database at {db_path}")
    try:
        src = sqlfile.connect(db_path, db_key)
        try:
            sqlfile.copy(src, dest, dest_key)
        finally:
            src.close()
        copy = sqlfile.connect(dest, dest_key)
        try:
            return sqlfile.table_counts(copy)
        finally:
            copy.close()
    except sqlcipher.OperationalError as exc:
        if "disk" in str(exc) or "full" in str(exc):
            raise OSError(28, str(exc)) from None  # SQLite reports ENOSPC/EIO in its own words
        raise BackupError(f"データベースを読めません / cannot read {db_path}: {exc}") from None
    except sqlcipher.DatabaseError as exc:
        raise BackupError(f"データベースを読めません / cannot read {db_path}: {exc}") from None


def _seal(
    export: Path,
    out: Path,
    header: Header,
    file_key: bytes,
    manifest: bytes,
    verify_key: VerifyKey | None,
) -> int:
    with open(out, "xb") as fh:
        writer = SealedWriter(fh, header, file_key, verify_key.key if verify_key else None)
        writer.write(struct.pack(">I", len(manifest)) + manifest)
        with open(export, "rb") as src:
            while block := src.read(header.chunk_bytes):
                writer.write(block)
        writer.close()
        fh.flush()
        os.fsync(fh.fileno())
        # Forget the cached pages so verification reads back what the medium holds.
        os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        return writer.bytes_written


def take_snapshot(
    db_path: Path,
    db_key: bytes,
    recipient: Recipient,
    target: Path,
    *,
    verify_key: VerifyKey | None = None,
    now: dt.datetime | None = None,
    require_mount: bool = False,
    run_drill: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
) -> BackupInfo:
    """Write one sealed backup of the database at db_path into target and verify it.

    Raises BackupTargetError (missing, full, unwritable; nothing left behind) or BackupError."""
    target = Path(target)
    wal = Path(f"{db_path}-wal")
    size = Path(db_path).stat().st_size if Path(db_path).exists() else 0
    size += wal.stat().st_size if wal.exists() else 0
    # The encrypted export and the sealed file coexist for a moment; a drill adds two copies.
    check_target(target, need_bytes=(4 if run_drill else 2) * size, require_mount=require_mount)
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    file_key = new_file_key()
    final = free_name(target, at)
    export = target / f".{final.stem}.export.tmp"
    sealed = target / f".{final.name}.tmp"
    try:
        start = time.perf_counter()
        counts = _export(Path(db_path), db_key, export, subkey(file_key, "database"))
        snapshot_s = time.perf_counter() - start
        start = time.perf_counter()
        header = Header(
            created_at=at.isoformat(),
            recipient=recipient.public,
            sealed_key=seal_file_key(file_key, recipient.public),
            recipient_hint=recipient.hint,
            verify_key_id=verify_key.key_id if verify_key else None,
            chunk_bytes=chunk_bytes,
        )
        manifest = json.dumps(
            {"counts": counts, "db_bytes": export.stat().st_size, "created_at": at.isoformat()}
        ).encode()
        written = _seal(export, sealed, header, file_key, manifest, verify_key)
        sealed.replace(final)
        fsync_dir(target)
        seal_s = time.perf_counter() - start
    except OSError as exc:
        raise explain(target, exc) from None
    finally:
        for tmp in (export, sealed):
            # A pulled stick cannot be cleaned; what is left on it is encrypted anyway.
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    start = time.perf_counter()
    verify_with_file_key(final, file_key, verify_key.key if verify_key else None)
    verify_s = time.perf_counter() - start
    report = drill(final, file_key=file_key, work_dir=target) if run_drill else None
    return BackupInfo(final, at, written, counts, snapshot_s, seal_s, verify_s, report)
