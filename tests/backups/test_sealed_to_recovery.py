"""Backups sealed to the recovery slot: the code opens them, nothing else does, and no
canary name or number appears in any byte of the backup folder or the data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.core.notes import add_note
from appliance.vault.backup_keys import private_key_from_code, recipient_of, verify_key_of
from appliance.vault.errors import VaultError
from appliance.vault.keys import Argon2Params
from appliance.vault.vault import Vault
from backups import Recipient, VerifyKey, drill, restore_file, take_snapshot
from backups.verify import check_box_tag, header_of
from tests.appliance.vault.test_canary import _scan

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)


def test_recovery_code_opens_backups_the_box_cannot(tmp_path: Path) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    store = unlocked.open_store(create=True)
    actor = Actor(None, None, "受付")

    def plant() -> None:
        c = create_customer(
            actor,
            "瑠璃川カナリア",
            phones=["+81 90-0000-4242"],
            emails=["ruri.canary4242@example.jp"],
            reading="ルリカワ カナリア",
        )
        add_note(actor, int(c.id), "カナリア様は毎週火曜に青い小鳥の餌を注文")

    store.executor.call(plant)
    public, hint = recipient_of(unlocked)
    vkey, vid = verify_key_of(unlocked)
    usb = tmp_path / "usb"
    usb.mkdir()
    info = take_snapshot(
        unlocked.vault.database_path,
        unlocked.database_key,
        Recipient(public, hint),
        usb,
        verify_key=VerifyKey(vkey, vid),
        run_drill=True,
    )
    store.close()
    assert info.drill is not None and info.drill.ok, info.drill
    assert _scan(usb) == [] and _scan(tmp_path / "data") == []

    header = header_of(info.path)
    check_box_tag(info.path, vkey, vid)
    with pytest.raises(VaultError, match="recovery code"):
        private_key_from_code(
            "00000-00000-00000-00000-00000-00000", header.recipient, header.recipient_hint
        )
    private = private_key_from_code(code.lower(), header.recipient, header.recipient_hint)
    report = restore_file(info.path, tmp_path / "new.db", os.urandom(32), private_key=private)
    assert report.counts["customer"] == 1 and report.counts["note"] == 1
    assert drill(info.path, private_key=private).ok

    # A new recovery code: new backups are sealed to it; old ones still need the old code.
    new_code = unlocked.replace_recovery_code(FAST)
    assert recipient_of(unlocked)[0] != public
    with pytest.raises(VaultError, match="replaced"):
        private_key_from_code(new_code, header.recipient, header.recipient_hint)


def test_intermediate_files_hold_no_plaintext(tmp_path: Path) -> None:
    """The export a snapshot seals and the staged copy a restore writes are encrypted too."""
    from backups import sqlfile
    from backups.snapshot import _export

    unlocked, _code = Vault.create(tmp_path / "data", argon=FAST)
    store = unlocked.open_store(create=True)
    store.executor.call(
        lambda: create_customer(
            Actor(None, None, "受付"), "瑠璃川カナリア", phones=["090-0000-4242"]
        )
    )
    store.close()
    work = tmp_path / "work"
    work.mkdir()
    key = os.urandom(32)
    counts = _export(unlocked.vault.database_path, unlocked.database_key, work / "e.db", key)
    assert counts["customer"] == 1 and _scan(work) == []
    conn = sqlfile.connect(work / "e.db", key)
    assert conn.execute("SELECT display_name FROM customer").fetchone()[0] == "瑠璃川カナリア"
    conn.close()
