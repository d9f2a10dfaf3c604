"""Vault errors: each message says what happened and what to do, in Japanese and English."""

from __future__ import annotations


class VaultError(Exception):
    """Base of every vault error."""


class VaultMissingError(VaultError):
    """There is no slot file in the data directory."""


class UnlockError(VaultError):
    """The secret given does not open any slot (wrong, revoked, or that slot was tampered)."""


class SlotFileDamagedError(VaultError):
    """The slot file is truncated, unreadable or fails its integrity check (tamper reported)."""


class InboxDamagedError(VaultError):
    """The sealed inbox is truncated or a record fails authentication; nothing was merged."""


class SlotExistsError(VaultError):
    """A slot with that name already exists."""


class SlotNotFoundError(VaultError):
    """No slot with that name."""
