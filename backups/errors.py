"""Backup errors: each message says what happened and what to do, in Japanese and English."""

from __future__ import annotations


class BackupError(Exception):
    """Base of every backup error."""


class BackupTargetError(BackupError):
    """The target folder is missing, removed, read-only or full; nothing was half-written."""


class BackupDamagedError(BackupError):
    """A backup file is truncated, altered or not a Ringdesk backup."""


class BackupKeyError(BackupError):
    """The key given does not open this backup (another recovery code, or a box key)."""


class RestoreError(BackupError):
    """A restore could not be completed; the destination was left untouched or removed."""
