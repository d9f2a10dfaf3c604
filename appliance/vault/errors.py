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


class DeskRefusedError(VaultError):
    """A desk cannot be paired now: the box is locked, or its name is taken."""

    @classmethod
    def name_taken(cls, name: str) -> DeskRefusedError:
        """The refusal for a desk name that another paired desk already has."""
        return cls(
            f"「{name}」という名前のデスクはペアリング済みです。別の名前にするか、古いデスクを"
            f"解除してください / a desk named {name!r} is already paired: give this desk another "
            "name (--desk-name), or revoke the old one"
        )


class SlotNotFoundError(VaultError):
    """No slot with that name."""
