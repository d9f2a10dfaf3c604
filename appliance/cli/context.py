"""Open the data directory's store for a CLI command: unlock by the remembered key file."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError

if TYPE_CHECKING:
    from appliance.db.store import Store
    from appliance.vault.unlocked import Unlocked

HOW_TO_UNLOCK = (
    "箱は施錠されています。USB の鍵ファイルを挿すか、このコマンドを端末で実行して印刷した"
    "回復コードを入力してください。\n"
    "The box is locked. Insert the USB stick with the key file, or run this command at a "
    "terminal and type the printed recovery code when it asks."
)


def unlock_for(data_dir: Path) -> Unlocked:
    """Unlock the vault by a remembered key file, else by the recovery code typed at the
    terminal; UserFacingError saying how to unlock when neither is possible."""
    from appliance.vault.errors import VaultError
    from appliance.vault.vault import Vault

    vault = Vault(data_dir)
    try:
        if vault.remembered_keyfiles():
            return vault.unlock_with_keyfile()
        if not sys.stdin.isatty():
            raise UserFacingError(f"{data_dir}: {HOW_TO_UNLOCK}")
        code = getpass.getpass("回復コード / recovery code: ")
        return vault.unlock_with_recovery(code)
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
