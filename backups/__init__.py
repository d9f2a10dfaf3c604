"""Sealed backups: snapshots the box can write but not read, verify, rotation, restore."""

from backups.catalog import Entry, list_backups, pick
from backups.drill import DrillReport, drill
from backups.errors import (
    BackupDamagedError,
    BackupError,
    BackupKeyError,
    BackupTargetError,
    RestoreError,
)
from backups.restore import RestoreReport, restore_file
from backups.snapshot import BackupInfo, Recipient, VerifyKey, take_snapshot

__all__ = [
    "BackupDamagedError",
    "BackupError",
    "BackupInfo",
    "BackupKeyError",
    "BackupTargetError",
    "DrillReport",
    "Entry",
    "Recipient",
    "RestoreError",
    "RestoreReport",
    "VerifyKey",
    "drill",
    "list_backups",
    "pick",
    "restore_file",
    "take_snapshot",
]
