"""Restore a sealed backup into a new database file under a new key, checked before use."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlcipher3 import dbapi2 as sqlcipher

from backups import sqlfile
from backups.errors import BackupError, RestoreError
from backups.sealing import subkey
from backups.verify import file_key_of, header_of, read_contents

Progress = Callable[[int, int], None]


@dataclass
class RestoreReport:
    """The restored file, its row counts and what the backup said they should be."""

    backup: Path
    dest: Path
    counts: dict[str, int]
    expected: dict[str, int]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file is sound and every table holds what the backup recorded."""
        return not self.problems and self.counts == self.expected


def _unlink(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def restore_file(
    backup: Path,
    dest: Path,
    dest_key: bytes,
    *,
    private_key: X25519PrivateKey | None = None,
    file_key: bytes | None = None,
    progress: Progress | None = None,
) -> RestoreReport:
    """Decrypt backup, re-encrypt it under dest_key at dest, check it; RestoreError if unsound.

    Give the recovery private_key, or the file_key of a backup just written. Nothing but
    SQLCipher-encrypted bytes is ever written; on any failure dest does not exist."""
    backup, dest = Path(backup), Path(dest)
    if dest.exists():
        raise RestoreError(f"復元先に既にデータベースがあります / {dest} already exists")
    if file_key is None:
        if private_key is None:
            raise ValueError("private_key or file_key is needed")
        file_key = file_key_of(header_of(backup), private_key, backup.name)
    total = backup.stat().st_size
    staged = dest.with_name(f".{dest.name}.restore.tmp")
    made = dest.with_name(f".{dest.name}.new")
    dest.parent.mkdir(parents=True, exist_ok=True)
    _unlink(staged)
    _unlink(made)
    try:
        with read_contents(backup, file_key) as contents, open(staged, "xb") as out:
            done = 0
            for block in contents.blocks:
                out.write(block)
                done += len(block)
                if progress is not None:
                    progress(min(done, total), total)
        expected = {str(k): int(v) for k, v in dict(contents.manifest["counts"]).items()}
        src = sqlfile.connect(staged, subkey(file_key, "database"))
        try:
            sqlfile.copy(src, made, dest_key)
        finally:
            src.close()
        conn = sqlfile.connect(made, dest_key)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            report = RestoreReport(
                backup, dest, sqlfile.table_counts(conn), expected, sqlfile.problems(conn)
            )
        finally:
            conn.close()
        if not report.ok:
            raise RestoreError(
                f"復元したデータが一致しません / the restored copy of {backup.name} does not "
                f"match its backup ({report.problems[:3] or 'row counts differ'})"
            )
        with open(made, "rb+") as fh:
            os.fsync(fh.fileno())
        made.replace(dest)
        if progress is not None:
            progress(total, total)
        return report
    except sqlcipher.DatabaseError as exc:
        raise RestoreError(f"復元できません / cannot restore {backup.name}: {exc}") from None
    except OSError as exc:
        raise BackupError(f"復元先に書けません / cannot write {dest}: {exc}") from None
    finally:
        _unlink(staged)
        _unlink(made)
