"""Open the data directory's store for a CLI command: unlock by the remembered key file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError

if TYPE_CHECKING:
    from appliance.db.store import Store
    from appliance.vault.unlocked import Unlocked

HOW_TO_UNLOCK = (
    "箱は施錠されています。USB の鍵ファイルを挿すか、ペア済みのデスクから解錠するか、"
    "`ringdesk vault unlock-test --recovery` で回復コードを使ってください。\n"
    "The box is locked. Insert the USB stick with the key file, unlock from a paired desk, "
    "or use the printed recovery code (`ringdesk vault unlock-test --recovery`)."
)


def unlock_for(data_dir: Path) -> Unlocked:
    """Unlock the vault by a remembered key file; UserFacingError saying how to unlock if not."""
    from appliance.vault.errors import VaultError
    from appliance.vault.vault import Vault

    vault = Vault(data_dir)
    try:
        if not vault.remembered_keyfiles():
            raise UserFacingError(f"{data_dir}: {HOW_TO_UNLOCK}")
        return vault.unlock_with_keyfile()
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None


def open_store_for(data_dir: Path) -> Store:
    """The unlocked, migrated store of data_dir, with any sealed inbox already merged."""
    from appliance.db.connection import DatabaseOpenError
    from appliance.vault.errors import VaultError

    unlocked = unlock_for(data_dir)
    try:
        store = unlocked.open_store()
    except DatabaseOpenError as exc:
        raise UserFacingError(str(exc)) from None
    try:
        merge_pending_inbox(unlocked, store)
    except VaultError as exc:
        store.close()
        raise UserFacingError(str(exc)) from None
    return store


def merge_pending_inbox(unlocked: Unlocked, store: Store) -> int:
    """Merge the sealed inbox (registered handlers), then finish an interrupted rotation."""
    from appliance.vault.inbox import merge_inbox
    from appliance.vault.inbox_handlers import apply_record

    report = store.executor.call(
        merge_inbox, unlocked.vault.inbox_path, unlocked.inbox_private_key(), apply_record
    )
    unlocked.finish_rotation(store)
    return report.applied
