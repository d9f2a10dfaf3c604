"""Keys for sealed backups: the recovery slot's public key, and the box's verify key.

Backups are sealed to the recovery slot's X25519 public key. Its private half is Argon2id of
the printed recovery code (never stored), so the box writes backups it cannot read. The salt
and cost travel in each backup's header, so a restore needs only the code and the file.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.vault import keys, slotfile
from appliance.vault.errors import VaultError
from appliance.vault.slots import RECOVERY_SLOT

if TYPE_CHECKING:
    from appliance.vault.unlocked import Unlocked

HINT_KIND = "ringdesk-recovery-slot"


def recipient_of(unlocked: Unlocked) -> tuple[bytes, dict[str, Any]]:
    """(public key, header hint) of the recovery slot, from a slot file whose tag checks."""
    sf = unlocked.vault.read()
    if not sf.tag_ok(keys.slot_file_mac_key(unlocked.data_key)):
        raise slotfile.tampered(unlocked.vault.slot_path)
    slot = sf.slot(RECOVERY_SLOT)
    if slot is None or slot.kind != "recovery":
        raise VaultError(
            "回復スロットがありません / the vault has no recovery slot, so backups cannot be "
            "sealed: run `ringdesk vault new-recovery-code`"
        )
    argon = slot.argon or keys.Argon2Params()
    hint = {
        "kind": HINT_KIND,
        "salt": base64.b64encode(slot.salt).decode(),
        "argon2id": {"t": argon.time_cost, "m": argon.memory_kib, "p": argon.parallelism},
    }
    return slot.public, hint


def private_key_from_code(code: str, recipient: bytes, hint: dict[str, Any]) -> X25519PrivateKey:
    """The private key for a backup header's recipient, from the recovery code.

    VaultError when the hint is not ours or the code yields another key."""
    try:
        if hint.get("kind") != HINT_KIND:
            raise ValueError("unknown recipient kind")
        salt = base64.b64decode(str(hint["salt"]), validate=True)
        a = dict(hint["argon2id"])
        argon = keys.Argon2Params(int(a["t"]), int(a["m"]), int(a["p"]))
        if not (
            1 <= argon.time_cost <= 64
            and 8 <= argon.memory_kib <= 4 * 1024 * 1024
            and 1 <= argon.parallelism <= 16
        ):
            raise ValueError("Argon2id parameters out of range")
    except (KeyError, TypeError, ValueError) as exc:
        raise VaultError(
            f"バックアップの鍵情報が読めません / bad key hint in backup ({exc})"
        ) from None
    private = keys.slot_key_from_code(code, salt, argon)
    if keys.public_bytes(private) != recipient:
        raise VaultError(
            "回復コードが違います / this recovery code does not open the backup (wrong code, "
            "or the backup was sealed before the recovery code was replaced)"
        )
    return private


def verify_key_of(unlocked: Unlocked) -> tuple[bytes, str]:
    """The box's backup tag key and its public id (changes when the data key rotates)."""
    key = keys.hkdf(unlocked.data_key, "backup-verify")
    return key, keys.hkdf(key, "backup-verify-id")[:8].hex()
