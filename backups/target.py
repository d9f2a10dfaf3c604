"""The folder or USB stick backups go to: checked before writing, OS errors made readable."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from backups.errors import BackupTargetError

# Room kept free on the target beyond the backup itself.
RESERVE_BYTES = 16 * 1024 * 1024


def missing(folder: Path) -> BackupTargetError:
    """The error for a target that is not there (USB stick pulled, folder deleted)."""
    return BackupTargetError(
        f"バックアップ先が見つかりません (USB メモリが抜かれましたか?) / the backup target "
        f"{folder} is missing (was the USB stick removed?); insert it or choose another folder"
    )


def full(folder: Path, need: int | None = None) -> BackupTargetError:
    """The error for a target without room for the next backup."""
    extra = f" ({need // 1_000_000 + 1} MB needed)" if need else ""
    return BackupTargetError(
        f"バックアップ先の空き容量が足りません / the backup target {folder} is full{extra}; "
        "free space or use a larger USB stick"
    )


def unwritable(folder: Path, why: str) -> BackupTargetError:
    """The error for a target that refuses writes (read-only stick, permissions, I/O error)."""
    return BackupTargetError(
        f"バックアップ先に書き込めません / cannot write to the backup target {folder} ({why}); "
        "check the USB stick or the folder"
    )


def check_target(folder: Path, *, need_bytes: int = 0, require_mount: bool = False) -> None:
    """Raise BackupTargetError unless folder exists, is writable and has room for need_bytes.

    With require_mount, folder must be a mount point, so a pulled stick never fills the SD
    card underneath its empty mount directory."""
    folder = Path(folder)
    if not folder.is_dir():
        raise missing(folder)
    if require_mount and not os.path.ismount(folder):
        raise missing(folder)
    if not os.access(folder, os.W_OK):
        raise unwritable(folder, "permission denied or read-only")
    if need_bytes and shutil.disk_usage(folder).free < need_bytes + RESERVE_BYTES:
        raise full(folder, need_bytes + RESERVE_BYTES)


def explain(folder: Path, exc: OSError) -> BackupTargetError:
    """An OSError raised while writing to folder, as a BackupTargetError."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return full(folder)
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTDIR):
        return missing(folder)
    return unwritable(folder, exc.strerror or type(exc).__name__)
