"""The vault of one data directory: create, unlock by slot, add/list/revoke slots, rotate."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.vault import keys, slotfile
from appliance.vault.errors import (
    SlotFileDamagedError,
    UnlockError,
    VaultError,
    VaultMissingError,
)
from appliance.vault.slotfile import Slot, SlotFile
from appliance.vault.slots import recovery_slot
from appliance.vault.unlocked import Unlocked

log = logging.getLogger(__name__)

SLOT_FILE = "vault.slots"
INBOX_FILE = "inbox.sealed"
DATABASE_FILE = "ringdesk.db"


@dataclass(frozen=True)
class SlotInfo:
    """What `vault slots` shows about one slot (no secrets)."""

    name: str
    kind: str
    created_at: str
    path: str | None


class Vault:
    """The locked view of a data directory's vault: the slot file, readable without secrets."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.slot_path = self.data_dir / SLOT_FILE
        self.inbox_path = self.data_dir / INBOX_FILE
        self.database_path = self.data_dir / DATABASE_FILE

    def exists(self) -> bool:
        """True when the directory has a slot file."""
        return self.slot_path.exists()

    def read(self) -> SlotFile:
        """The parsed slot file (SlotFileDamagedError if truncated or malformed)."""
        if not self.exists():
            raise VaultMissingError(
                f"鍵スロットファイルがありません / no vault in {self.data_dir}: "
                "run `ringdesk init --data DIR` first"
            )
        try:
            return slotfile.read(self.slot_path)
        except SlotFileDamagedError as exc:
            log.warning("slot file refused: %s", exc)
            raise

    def slots(self) -> list[SlotInfo]:
        """The slots, in file order."""
        return [SlotInfo(s.name, s.kind, s.created_at, s.path) for s in self.read().slots]

    def inbox_public_key(self) -> bytes:
        """The X25519 public key the sealed inbox is encrypted to while locked."""
        return self.read().inbox_public

    @classmethod
    def create(
        cls, data_dir: Path, *, argon: keys.Argon2Params | None = None
    ) -> tuple[Unlocked, str]:
        """A new vault with a recovery slot; returns it unlocked and the recovery code (once)."""
        vault = cls(data_dir)
        if vault.exists():
            raise VaultError(
                f"既に初期化されています / {data_dir} already has a vault; nothing was changed"
            )
        vault.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = keys.new_data_key()
        code = keys.new_recovery_code()
        slot = recovery_slot(code, data_key, argon or keys.Argon2Params())
        sf = SlotFile(
            key_id=keys.key_id(data_key),
            inbox_public=keys.public_bytes(keys.inbox_private_key(data_key)),
            slots=(slot,),
        )
        slotfile.write(vault.slot_path, sf.signed(keys.slot_file_mac_key(data_key)))
        log.info("vault created in %s", vault.data_dir)
        return Unlocked(vault, data_key, None), code

    def _unlock(
        self, candidates: list[Slot], private_for: Callable[[Slot], X25519PrivateKey], what: str
    ) -> Unlocked:
        sf = self.read()
        for slot in candidates:
            try:
                private = private_for(slot)
                data_key = keys.unseal(slot.wrapped, private, slot.aad())
            except (InvalidTag, ValueError):
                continue
            if keys.key_id(data_key) != sf.key_id or not sf.tag_ok(
                keys.slot_file_mac_key(data_key)
            ):
                log.warning("slot file integrity check failed at unlock (slot %s)", slot.name)
                raise slotfile.tampered(self.slot_path)
            pending = None
            if sf.next_key_id is not None and slot.next_wrapped is not None:
                pending = keys.unseal(slot.next_wrapped, private, slot.aad())
            log.info("vault unlocked by %s slot %s", slot.kind, slot.name)
            return Unlocked(self, data_key, pending)
        log.warning("unlock refused: %s", what)
        raise UnlockError(
            f"解錠できません: {what} / cannot unlock: {what} does not open any slot "
            "(wrong, revoked, or the slot was altered); nothing was changed"
        )

    def unlock_with_recovery(self, code: str) -> Unlocked:
        """Unlock with the printed recovery code."""
        slots = [s for s in self.read().slots if s.kind == "recovery"]

        def private(slot: Slot) -> X25519PrivateKey:
            return keys.slot_key_from_code(code, slot.salt, slot.argon or keys.Argon2Params())

        return self._unlock(slots, private, "回復コード / the recovery code")

    def unlock_with_desk(self, secret: bytes, name: str | None = None) -> Unlocked:
        """Unlock with a desk's 32-byte secret (its slot name if known, else any desk slot)."""
        slots = [s for s in self.read().slots if s.kind == "desk" and name in (None, s.name)]
        return self._unlock(
            slots, lambda s: keys.slot_key_from_secret(secret, s.salt), "デスクの鍵 / desk secret"
        )

    def keyfile_path(self, slot: Slot) -> Path:
        """Where a key-file slot's file is expected (relative paths are inside the data dir)."""
        path = Path(slot.path or "")
        return path if path.is_absolute() else self.data_dir / path

    def remembered_keyfiles(self) -> list[Path]:
        """Key files of the key-file slots that are present right now."""
        slots = [s for s in self.read().slots if s.kind == "keyfile"]
        return [p for p in map(self.keyfile_path, slots) if p.is_file()]

    def unlock_with_keyfile(self, path: Path | None = None) -> Unlocked:
        """Unlock with a key file (default: the remembered path of each key-file slot)."""
        slots = [s for s in self.read().slots if s.kind == "keyfile"]

        def private(slot: Slot) -> X25519PrivateKey:
            file = Path(path) if path is not None else self.keyfile_path(slot)
            try:
                secret = file.read_bytes()
            except OSError as exc:
                raise ValueError(str(exc)) from None
            return keys.slot_key_from_secret(secret, slot.salt)

        return self._unlock(slots, private, "鍵ファイル / the key file")
