"""The change stream through a real `ringdesk box` process: a desk replica converges, shows
customers read-only once the box is killed, and a new box restored from it holds every change."""

from __future__ import annotations

import io
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.appliance.service.boxproc import PASSWORD, RINGDESK, init_box, run_box
from tui.client.desk_api import DeskApi
from tui.client.errors import BoxUnreachableError
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.desk_client import desk_client
from tui.replica.offline import ReadOnlyError, export_key, refuse_edit, replica_of, run_offline
from tui.replica.sync import pull

TOML = 'name = "テスト商店"\nregion = "JP"\n'
CUSTOMERS = [
    ("山田 太郎", "03-3555-0101"),
    ("Emily Carter", "090-1234-5678"),
    ("鈴木 花子", "06-6123-4567"),
]
FAST = ("--argon-time", "1", "--argon-memory-kib", "8192")  # the new box's code, cheaply


def _restore(replica: Path, new: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`ringdesk restore --from-replica` into a new data directory."""
    return subprocess.run(
        [RINGDESK, "restore", "--from-replica", str(replica), "--data", str(new), *FAST, *extra],
        capture_output=True,
        text=True,
    )


async def _edit_a_lot(api: DeskApi) -> None:
    """Notes, a new phone, a renamed customer, a new customer and a deleted one."""
    for i in range(30):
        await api.request(
            "POST", "/customers/1/notes", json={"body": f"折り返し希望 その{i}", "time_spent_s": 60}
        )
    await api.request(
        "POST", "/customers/2/phones", json={"number": "03-6789-0123", "label": "会社"}
    )
    card = await api.request("GET", "/customers/2")
    await api.request(
        "PATCH",
        "/customers/2",
        json={"version": card["version"], "display_name": "Emily Carter-Sato"},
    )
    await api.request(
        "POST",
        "/customers",
        json={"display_name": "高橋 健一", "phones": [{"number": "045-222-3333"}]},
    )
    gone = await api.request("GET", "/customers/3")
    await api.request("DELETE", "/customers/3", params={"version": gone["version"]})


async def test_replica_converges_then_serves_read_only_then_restores_a_box(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML, customers=CUSTOMERS)
    keystore = Keystore(tmp_path / "desk")
    async with run_box(data) as box:
        assert box.code is not None
        await pair(keystore, "127.0.0.1", box.port, box.code, desk_name="受付")
        async with desk_client(keystore) as api:
            await api.login("hanako", PASSWORD)
            assert api.replica_key is not None
            replica = replica_of(keystore, api.replica_key)
            await pull(api, replica)  # the first full copy
            assert replica.complete
            assert replica.card(1) is not None
            await _edit_a_lot(api)
            await pull(api, replica)
            head = (await api.request("GET", "/changes/tables"))["head"]
            assert replica.seq == head
            again = await api.request("GET", "/changes", params={"since": 0})
            assert replica.apply(again) == 0  # an old page changes nothing
            card = replica.card(2)
            assert card is not None and card["display_name"] == "Emily Carter-Sato"
            assert {p["national"] for p in card["phones"]} >= {"0367890123"}
            assert replica.card(3) is None  # deleted on the box, gone here too
            assert len(replica.card(1)["notes"]) == 20  # type: ignore[index]
            assert [c["display_name"] for c in replica.customers("高橋")] == ["高橋 健一"]
            box.proc.send_signal(signal.SIGKILL)
            await box.proc.wait()
            with pytest.raises(BoxUnreachableError):
                await pull(api, replica)
        replica.close()

    out = io.StringIO()
    assert run_offline(keystore, "山田", "hanako", PASSWORD, out=out) == 0
    shown = out.getvalue()
    assert "read-only" in shown and "読み取り専用" in shown
    assert "山田 太郎" in shown and "03-3555-0101".replace("-", "") in shown
    with pytest.raises(ReadOnlyError):
        refuse_edit()

    new, key = tmp_path / "restored", tmp_path / "replica-key"
    assert export_key(keystore, key, "hanako", PASSWORD) == 0  # the key, after the password
    done = _restore(keystore.root / "replica.db", new, "--replica-key", str(key))
    assert done.returncode == 0, done.stderr
    assert "audit chain" in done.stdout
    assert "replicas carry no passwords" in done.stdout and "hanako" in done.stdout
    assert "ringdesk user passwd NAME" in done.stdout

    from appliance.cli.commands.user import set_user_password
    from appliance.core.access.passwords import verify_password
    from appliance.core.audit import verify_audit_chain
    from appliance.db.models import AuditLog, Customer, Note, User
    from appliance.vault.vault import Vault

    old_store = Vault(data).unlock_with_keyfile().open_store()
    try:
        old = old_store.executor.call(
            lambda: (
                [(r.id, r.hash) for r in AuditLog.select().order_by(AuditLog.id)],
                Note.select().count(),
                Customer.select().where(Customer.deleted_at.is_null()).count(),
            )
        )
    finally:
        old_store.close()
    code = done.stdout.strip().splitlines()[-1]
    store = Vault(new).unlock_with_recovery(code).open_store()
    try:
        got = store.executor.call(
            lambda: (
                [(r.id, r.hash) for r in AuditLog.select().order_by(AuditLog.id)],
                Note.select().count(),
                Customer.select().where(Customer.deleted_at.is_null()).count(),
            )
        )
        assert store.executor.call(verify_audit_chain).ok
        assert store.executor.call(set_user_password, "hanako", "新しい合言葉 blue harbour")
        hashed = store.executor.call(lambda: User.get(User.username == "hanako").password_hash)
        assert verify_password(hashed, "新しい合言葉 blue harbour")  # the admin's reset works
    finally:
        store.close()
    # every committed change, the same chain; then one redact row authorising the rows the
    # stream sent blanked (the pairing's desk certificate stays on the box)
    assert got[1:] == old[1:] and got[0][: len(old[0])] == old[0]
    assert len(got[0]) == len(old[0]) + 1


def test_restore_from_replica_refuses_a_wrong_key(tmp_path: Path) -> None:
    keystore = Keystore(tmp_path / "desk")
    replica = replica_of(keystore, os.urandom(32))
    replica.finish_copy(0)
    replica.close()
    wrong = tmp_path / "wrong-key"
    wrong.write_bytes(b"\x01" * 32)
    done = _restore(keystore.root / "replica.db", tmp_path / "new", "--replica-key", str(wrong))
    assert done.returncode != 0
    assert "wrong key" in done.stderr
    assert not (tmp_path / "new").exists()
