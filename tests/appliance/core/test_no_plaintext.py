"""No plaintext personal data in any file of the data directory, also while the box is running."""

from __future__ import annotations

import os
from pathlib import Path

from appliance.core import customers, notes, settings
from appliance.core.actor import Actor
from appliance.db.store import Store

CANARIES = ("鳩山カナリア", "ハトヤマ", "Canarywick", "0398765432", "canary@example.jp")


def _scan(folder: Path) -> list[str]:
    found = []
    for f in folder.rglob("*"):
        if f.is_file():
            blob = f.read_bytes()
            for c in CANARIES:
                for enc in ("utf-8", "utf-16-le", "shift_jis"):
                    try:
                        needle = c.encode(enc)
                    except UnicodeEncodeError:
                        continue
                    if needle in blob:
                        found.append(f"{c} ({enc}) in {f.name}")
    return found


def test_files_hold_no_canary_while_open_and_after_close(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    actor = Actor(None, None, "受付")
    c = customers.create_customer(
        actor,
        "鳩山カナリア",
        reading="ハトヤマ カナリア",
        company="Canarywick Ltd.",
        phones=["03-9876-5432"],
        emails=["canary@example.jp"],
    )
    notes.add_note(actor, c.id, "鳩山カナリア様は Canarywick の社長")
    customers.update_customer(actor, c.id, 1, title="社長")  # audit rows carry the name too
    settings.set_setting(actor, "shop_owner", "鳩山カナリア")
    assert (tmp_path / "box.db-wal").exists()
    assert _scan(tmp_path) == []
    store.close()
    assert _scan(tmp_path) == []
