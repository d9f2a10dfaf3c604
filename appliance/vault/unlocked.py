"""An unlocked vault: derived keys, slot changes, opening the store, data-key rotation."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.vault import keys, slotfile, slots
from appliance.vault.errors import SlotExistsError, SlotNotFoundError, VaultError
from appliance.vault.slotfile import SlotFile

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from appliance.db.store import Store
    from appliance.vault.vault import Vault

log = logging.getLogger(__name__)


class Unlocked:
    """The data key in memory, and what can be done with it. Slot changes are atomic writes."""

    def __init__(self, vault: Vault, data_key: bytes, pending_key: bytes | None) -> None:
        self.vault = vault
        self.data_key = data_key
        self.pending_key = pending_key  # a rotation that a crash interrupted
        self._rekeyed = False  # ... after the database was already rekeyed

    @property
    def database_key(self) -> bytes:
        """SQLCipher raw key."""
        return keys.database_key(self.data_key)

    @property
    def recording_key(self) -> bytes:
        """Key for recordings."""
        return keys.recording_key(self.data_key)

    def inbox_private_key(self) -> X25519PrivateKey:
        """Private half of the inbox key, to merge the sealed inbox."""
        return keys.inbox_private_key(self.data_key)

    def _write(self, sf: SlotFile) -> None:
        slotfile.write(self.vault.slot_path, sf.signed(keys.slot_file_mac_key(self.data_key)))

    def _current(self) -> SlotFile:
        sf = self.vault.read()
        if not sf.tag_ok(keys.slot_file_mac_key(self.data_key)):
            raise slotfile.tampered(self.vault.slot_path)
        return sf

    def _add(self, slot: slotfile.Slot) -> None:
        sf = self._current()
        if sf.slot(slot.name) is not None:
            raise SlotExistsError(
                f"同じ名前のスロットがあります / a slot named {slot.name!r} already exists"
            )
        if sf.next_key_id is not None:
            raise VaultError("鍵の更新中です / a key rotation is unfinished: run `vault rotate`")
        self._write(replace(sf, slots=(*sf.slots, slot)))
        log.info("slot added: %s (%s)", slot.name, slot.kind)

    def add_desk_slot(self, name: str) -> bytes:
        """A new desk slot; returns the 32-byte secret to hand to that desk (shown once)."""
        secret = os.urandom(keys.KEY_BYTES)
        self._add(slots.secret_slot(name, "desk", secret, self.data_key))
        return secret

    def add_keyfile_slot(self, path: Path, name: str = "keyfile") -> Path:
        """Create a new key file at path and a slot remembering where it is."""
        path = Path(path).expanduser().absolute()
        try:
            stored = str(path.relative_to(self.vault.data_dir.absolute()))
        except ValueError:
            stored = str(path)
        sf = self._current()
        if sf.slot(name) is not None:
            raise SlotExistsError(f"同じ名前のスロットがあります / a slot named {name!r} exists")
        secret = slots.write_keyfile(path)
        self._add(slots.secret_slot(name, "keyfile", secret, self.data_key, path=stored))
        return path

    def replace_recovery_code(self, argon: keys.Argon2Params | None = None) -> str:
        """A new recovery code replaces the old one (which stops working); returned once."""
        sf = self._current()
        code = keys.new_recovery_code()
        new = slots.recovery_slot(code, self.data_key, argon or keys.Argon2Params())
        kept = tuple(s for s in sf.slots if s.name != slots.RECOVERY_SLOT)
        self._write(replace(sf, slots=(*kept, new)))
        log.info("recovery code replaced")
        return code

    def revoke(self, name: str) -> None:
        """Delete a slot; refuses the last one (that would lock the data away for good)."""
        sf = self._current()
        if sf.slot(name) is None:
            raise SlotNotFoundError(f"そのスロットはありません / no slot named {name!r}")
        kept = tuple(s for s in sf.slots if s.name != name)
        if not kept:
            raise VaultError(
                "最後のスロットは削除できません / refusing to revoke the last slot: "
                "the data could never be unlocked again"
            )
        self._write(replace(sf, slots=kept))
        log.info("slot revoked: %s", name)

    def open_store(self, *, create: bool = False, check_integrity: bool = True) -> Store:
        """Open the database (with the new key if an interrupted rotation got that far).

        After merging the sealed inbox, call finish_rotation(store)."""
        from appliance.db.connection import WrongKeyError
        from appliance.db.store import Store
        from appliance.vault.logsafe import guard_logs

        guard_logs()
        path = self.vault.database_path
        check = check_integrity
        if self.pending_key is None:
            return Store.open(path, self.database_key, create=create, check_integrity=check)
        try:
            return Store.open(path, self.database_key, check_integrity=check)
        except WrongKeyError:  # rekey done, slot file not yet finalised
            store = Store.open(path, keys.database_key(self.pending_key), check_integrity=check)
            self._rekeyed = True
            return store

    def finish_rotation(self, store: Store) -> None:
        """Complete a rotation a crash interrupted; a no-op when none is pending.

        The inbox is sealed to the old key until then, so merge it first."""
        if self.pending_key is None:
            return
        if self._rekeyed:
            self._finish_rotation(self.pending_key)
        else:
            self.rotate(store, new_key=self.pending_key)

    def rotate(self, store: Store, *, new_key: bytes | None = None) -> None:
        """New data key: every slot rewrapped, database re-encrypted (PRAGMA rekey), all kept."""
        from appliance.vault.inbox import pending_records

        if pending_records(self.vault.inbox_path):
            raise VaultError(
                "未統合の受信箱があります / the sealed inbox still holds records: merge it "
                "(unlock the box) before rotating the key"
            )
        sf = self._current()
        new_key = new_key or keys.new_data_key()
        # Phase 1: both keys wrapped in every slot, so a crash at any point can still unlock.
        staged = tuple(replace(s, next_wrapped=slots.rewrap(s, new_key)) for s in sf.slots)
        self._write(replace(sf, slots=staged, next_key_id=keys.key_id(new_key)))
        self.pending_key = new_key
        store.executor.call(store.db.rekey, keys.database_key(new_key))
        self._finish_rotation(new_key)
        log.info("data key rotated")

    def _finish_rotation(self, new_key: bytes) -> None:
        sf = self._current()
        done = tuple(
            replace(s, wrapped=s.next_wrapped or slots.rewrap(s, new_key), next_wrapped=None)
            for s in sf.slots
        )
        self.data_key, self.pending_key, self._rekeyed = new_key, None, False
        self._write(
            replace(
                sf,
                slots=done,
                next_key_id=None,
                key_id=keys.key_id(new_key),
                inbox_public=keys.public_bytes(keys.inbox_private_key(new_key)),
            )
        )
