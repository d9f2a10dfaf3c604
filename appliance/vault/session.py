"""The box's lock state: locked, events are sealed to the inbox; unlocked, the open Store."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.vault.errors import DeskRefusedError, SlotExistsError
from appliance.vault.inbox import Handler, InboxWriter, MergeReport, merge_inbox
from appliance.vault.inbox_handlers import apply_record
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault

if TYPE_CHECKING:
    from appliance.db.store import Store

log = logging.getLogger(__name__)
DEMO_KEY_FILE = "demo.key"


class VaultSession:
    """Starts locked. unlock_* opens the store and merges the inbox; lock() closes it again."""

    def __init__(self, data_dir: Path, handler: Handler = apply_record) -> None:
        self.vault = Vault(data_dir)
        self.handler = handler
        self.store: Store | None = None
        self._unlocked: Unlocked | None = None
        self._writer: InboxWriter | None = None
        self.check_at_open = True  # False: the caller checks the file itself (in the background)

    @property
    def locked(self) -> bool:
        """True while no store is open."""
        return self.store is None

    def seal(self, kind: str, payload: bytes) -> int:
        """Append a record to the sealed inbox (only while locked); returns its sequence."""
        if not self.locked:
            raise RuntimeError("unlocked: write to the store, not the inbox")
        if self._writer is None:
            self._writer = InboxWriter(self.vault.inbox_path, self.vault.inbox_public_key())
        return self._writer.append(kind, payload)

    async def _open(self, unlocked: Unlocked) -> MergeReport:
        if not self.locked:
            return MergeReport(0, 0)
        store = await asyncio.to_thread(unlocked.open_store, check_integrity=self.check_at_open)
        try:
            report = await store.executor.run(
                merge_inbox, self.vault.inbox_path, unlocked.inbox_private_key(), self.handler
            )
            await asyncio.to_thread(unlocked.finish_rotation, store)
        except BaseException:
            await store.aclose()
            raise
        self.store, self._unlocked, self._writer = store, unlocked, None
        log.info("box unlocked; %d inbox record(s) merged", report.applied)
        return report

    async def unlock_with_desk(self, secret: bytes, name: str | None = None) -> MergeReport:
        """Unlock with a paired desk's secret (as presented over mutual TLS)."""
        unlocked = await asyncio.to_thread(self.vault.unlock_with_desk, secret, name)
        return await self._open(unlocked)

    async def unlock_with_recovery(self, code: str) -> MergeReport:
        """Unlock with the printed recovery code (Argon2id runs off the loop)."""
        return await self._open(await asyncio.to_thread(self.vault.unlock_with_recovery, code))

    async def unlock_with_keyfile(self, path: Path | None = None) -> MergeReport:
        """Unlock with a key file (default: the remembered one)."""
        return await self._open(await asyncio.to_thread(self.vault.unlock_with_keyfile, path))

    @property
    def unlocked(self) -> Unlocked:
        """The unlocked vault (slot changes, rotation); RuntimeError while locked."""
        if self._unlocked is None:
            raise RuntimeError("locked")
        return self._unlocked

    async def add_desk(self, name: str) -> bytes:
        """Pairing: a new desk slot; returns the secret to send to that desk over mutual TLS.
        DeskRefusedError while locked (no data key to wrap it) or when the name is taken."""
        if self._unlocked is None:
            raise DeskRefusedError(
                "箱がロック中のためペアリングできません。先に解錠してください / "
                "the box is locked: unlock it (recovery code or key file) before pairing a desk"
            )
        try:
            return await asyncio.to_thread(self._unlocked.add_desk_slot, name)
        except SlotExistsError:
            raise DeskRefusedError.name_taken(name) from None

    def desk_name_taken(self, name: str) -> bool:
        """True when a slot already carries this desk name (read without the key: a pre-check)."""
        return self.vault.exists() and self.vault.read().slot(name) is not None

    async def revoke_desk(self, name: str, *, rotate: bool = True) -> None:
        """Unpair: delete the desk's slot and (by default) rotate the data key."""
        unlocked, store = self.unlocked, self.store
        await asyncio.to_thread(unlocked.revoke, name)
        if rotate and store is not None:
            await asyncio.to_thread(unlocked.rotate, store)

    async def lock(self) -> None:
        """Close the store and forget the keys; later events go to the inbox again."""
        if self.store is not None:
            await self.store.aclose()
        self.store, self._unlocked = None, None
        log.info("box locked")


def demo_vault(data_dir: Path) -> Unlocked:
    """The demo's convenience: a vault unlocked by a key file inside the data directory.

    A real box keeps the key file on a USB stick (`ringdesk init --key-file /media/usb/...`)
    or has no key file at all and is unlocked by a paired desk.
    """
    vault = Vault(data_dir)
    if vault.exists():
        return vault.unlock_with_keyfile()
    unlocked, _code = Vault.create(data_dir)
    unlocked.add_keyfile_slot(Path(data_dir) / DEMO_KEY_FILE, "demo-keyfile")
    return unlocked
