"""Unlocking by each slot kind, refusals, revocation and a damaged slot file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appliance.vault.errors import (
    SlotExistsError,
    SlotFileDamagedError,
    UnlockError,
    VaultError,
)
from appliance.vault.keys import Argon2Params, normalize_recovery_code
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)


def test_recovery_code_unlocks_and_survives_sloppy_typing(made: tuple[Unlocked, str]) -> None:
    unlocked, code = made
    assert len(normalize_recovery_code(code)) * 5 >= 128
    sloppy = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    again = Vault(unlocked.vault.data_dir).unlock_with_recovery(sloppy)
    assert again.data_key == unlocked.data_key


def test_wrong_recovery_code_is_refused_and_changes_nothing(made: tuple[Unlocked, str]) -> None:
    unlocked, code = made
    before = unlocked.vault.slot_path.read_bytes()
    wrong = ("Z" if code[0] != "Z" else "Y") + code[1:]
    with pytest.raises(UnlockError, match="recovery code"):
        Vault(unlocked.vault.data_dir).unlock_with_recovery(wrong)
    assert unlocked.vault.slot_path.read_bytes() == before


def test_desk_slot_unlocks_by_name_or_by_trying_each(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    s1 = unlocked.add_desk_slot("desk-reception")
    s2 = unlocked.add_desk_slot("desk-office")
    vault = Vault(unlocked.vault.data_dir)
    assert vault.unlock_with_desk(s2, "desk-office").data_key == unlocked.data_key
    assert vault.unlock_with_desk(s1).data_key == unlocked.data_key
    with pytest.raises(UnlockError):
        vault.unlock_with_desk(s1, "desk-office")  # the secret is bound to its own slot
    with pytest.raises(UnlockError):
        vault.unlock_with_desk(os.urandom(32))
    assert [s.name for s in vault.slots()] == ["recovery", "desk-reception", "desk-office"]


def test_revoked_desk_secret_is_refused(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    secret = unlocked.add_desk_slot("desk-lost")
    unlocked.revoke("desk-lost")
    with pytest.raises(UnlockError, match="desk secret"):
        Vault(unlocked.vault.data_dir).unlock_with_desk(secret)


def test_key_file_slot_remembers_its_path(made: tuple[Unlocked, str], tmp_path: Path) -> None:
    unlocked, _ = made
    usb = tmp_path / "usb" / "ringdesk.key"
    unlocked.add_keyfile_slot(usb)
    vault = Vault(unlocked.vault.data_dir)
    assert vault.remembered_keyfiles() == [usb]
    assert vault.unlock_with_keyfile().data_key == unlocked.data_key
    usb.unlink()  # stick pulled out
    assert vault.remembered_keyfiles() == []
    with pytest.raises(UnlockError, match="key file"):
        vault.unlock_with_keyfile()


def test_key_file_inside_data_dir_is_stored_relative(
    made: tuple[Unlocked, str], tmp_path: Path
) -> None:
    unlocked, _ = made
    unlocked.add_keyfile_slot(unlocked.vault.data_dir / "demo.key")
    moved = tmp_path / "moved"
    unlocked.vault.data_dir.rename(moved)
    assert Vault(moved).unlock_with_keyfile().data_key == unlocked.data_key


def test_duplicate_slot_name_and_last_slot_refused(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    unlocked.add_desk_slot("desk-a")
    with pytest.raises(SlotExistsError):
        unlocked.add_desk_slot("desk-a")
    unlocked.revoke("desk-a")
    with pytest.raises(VaultError, match="last slot"):
        unlocked.revoke("recovery")


def test_replaced_recovery_code_retires_the_old_one(made: tuple[Unlocked, str]) -> None:
    unlocked, old = made
    new = unlocked.replace_recovery_code(FAST)
    vault = Vault(unlocked.vault.data_dir)
    assert vault.unlock_with_recovery(new).data_key == unlocked.data_key
    with pytest.raises(UnlockError):
        vault.unlock_with_recovery(old)


@pytest.mark.parametrize("cut", [0, 1, 40, -30, -2])
def test_truncated_slot_file_is_a_clear_error(made: tuple[Unlocked, str], cut: int) -> None:
    unlocked, code = made
    path = unlocked.vault.slot_path
    data = path.read_bytes()
    path.write_bytes(data[:cut])
    with pytest.raises(SlotFileDamagedError, match="damaged or has been tampered"):
        Vault(unlocked.vault.data_dir).unlock_with_recovery(code)


def test_tampered_slot_file_is_reported(
    made: tuple[Unlocked, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    unlocked, code = made
    secret = unlocked.add_desk_slot("desk-a")
    path = unlocked.vault.slot_path
    original = path.read_bytes()
    # An attacker swaps the inbox key for their own: everything else still parses.
    other = Vault.create(tmp_path / "other", argon=FAST)[0].vault.inbox_public_key()
    import base64

    swapped = original.replace(
        base64.b64encode(unlocked.vault.inbox_public_key()), base64.b64encode(other)
    )
    assert swapped != original
    path.write_bytes(swapped)
    with pytest.raises(SlotFileDamagedError, match="integrity tag"):
        Vault(unlocked.vault.data_dir).unlock_with_desk(secret)
    assert path.read_bytes() == swapped  # nothing rewritten
    assert "integrity check failed" in caplog.text
    path.write_bytes(original)
    assert Vault(unlocked.vault.data_dir).unlock_with_recovery(code).data_key


def test_flipped_bit_in_a_wrap_refuses_only_that_slot(made: tuple[Unlocked, str]) -> None:
    unlocked, code = made
    path = unlocked.vault.slot_path
    sf = unlocked.vault.read()
    import dataclasses

    from appliance.vault import slotfile

    bad = bytearray(sf.slots[0].wrapped)
    bad[-1] ^= 1
    slot = dataclasses.replace(sf.slots[0], wrapped=bytes(bad))
    path.write_bytes(slotfile.dumps(dataclasses.replace(sf, slots=(slot,))))
    with pytest.raises(UnlockError):
        Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
