"""Rotating the data key: every row kept, old key dead, a crash at either step recovers."""

from __future__ import annotations

from typing import Any

import pytest
from faker import Faker

from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.db.connection import WrongKeyError, open_database
from appliance.db.models import Customer, Phone
from appliance.db.store import Store
from appliance.vault import keys
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault

ACTOR = Actor(user_id=None, desk_id=None, name="管理者 高橋")


def _seed(store: Store, count: int) -> list[tuple[str, str]]:
    fake = Faker("ja_JP")
    fake.seed_instance(7)
    rows = [(fake.name(), f"090-{1000 + i:04d}-{5000 + i:04d}") for i in range(count)]

    def work() -> None:
        for name, phone in rows:
            create_customer(ACTOR, name, phones=[phone])

    store.executor.call(work)
    return rows


def _dump(store: Store) -> list[tuple[str, str]]:
    def work() -> list[tuple[str, str]]:
        q = Customer.select(Customer.display_name, Phone.national).join(Phone).order_by(Phone.id)
        rows: Any = q.tuples()
        return [(str(name), str(national)) for name, national in rows]

    return store.executor.call(work)


def test_revoke_then_rotate_keeps_all_data(made: tuple[Unlocked, str]) -> None:
    unlocked, code = made
    store = unlocked.open_store(create=True)
    _seed(store, 40)
    before = _dump(store)
    old_db_key = unlocked.database_key
    leaked = unlocked.add_desk_slot("desk-stolen")
    kept = unlocked.add_desk_slot("desk-office")
    unlocked.revoke("desk-stolen")
    unlocked.rotate(store)
    assert unlocked.database_key != old_db_key
    assert _dump(store) == before
    store.close()

    vault = Vault(unlocked.vault.data_dir)
    for again in (vault.unlock_with_recovery(code), vault.unlock_with_desk(kept)):
        assert again.data_key == unlocked.data_key and again.pending_key is None
    with pytest.raises(WrongKeyError):
        open_database(vault.database_path, old_db_key)
    from appliance.vault.errors import UnlockError

    with pytest.raises(UnlockError):
        vault.unlock_with_desk(leaked)
    reopened = vault.unlock_with_desk(kept).open_store()
    assert _dump(reopened) == before
    reopened.close()


def test_crash_before_rekey_finishes_at_next_open(
    made: tuple[Unlocked, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    unlocked, code = made
    store = unlocked.open_store(create=True)
    _seed(store, 5)
    before = _dump(store)

    def power_cut(_key: bytes) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(store.db, "rekey", power_cut)
    with pytest.raises(OSError):
        unlocked.rotate(store)
    monkeypatch.undo()
    store.close()
    again = Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
    assert again.pending_key is not None
    reopened = again.open_store()
    again.finish_rotation(reopened)
    assert _dump(reopened) == before
    reopened.close()
    final = Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
    assert final.pending_key is None and final.data_key == again.data_key
    assert final.data_key != unlocked.data_key


def test_crash_after_rekey_finishes_at_next_open(
    made: tuple[Unlocked, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    unlocked, code = made
    store = unlocked.open_store(create=True)
    _seed(store, 5)
    before = _dump(store)
    old = unlocked.data_key

    def power_cut(self: Unlocked, _key: bytes) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(Unlocked, "_finish_rotation", power_cut)
    with pytest.raises(OSError):
        unlocked.rotate(store)
    monkeypatch.undo()
    store.close()
    again = Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
    assert again.data_key == old and again.pending_key is not None
    reopened = again.open_store()  # old key fails, the pending key opens it
    again.finish_rotation(reopened)
    assert _dump(reopened) == before
    reopened.close()
    final = Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
    assert final.pending_key is None and final.data_key != old
    assert final.vault.read().key_id == keys.key_id(final.data_key)


def test_calls_sealed_between_a_crashed_rotation_and_unlock_are_kept(
    made: tuple[Unlocked, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from appliance.db.models import Call
    from appliance.vault.inbox_handlers import CALL, call_payload
    from appliance.vault.session import VaultSession

    unlocked, code = made
    store = unlocked.open_store(create=True)
    desk = unlocked.add_desk_slot("desk-a")

    def power_cut(self: Unlocked, _key: bytes) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(Unlocked, "_finish_rotation", power_cut)
    with pytest.raises(OSError):
        unlocked.rotate(store)
    monkeypatch.undo()
    store.close()
    session = VaultSession(unlocked.vault.data_dir)  # reboot, locked
    session.seal(CALL, call_payload("line1", number="0120444444"))
    assert asyncio.run(session.unlock_with_desk(desk)).applied == 1
    assert session.store is not None
    numbers = session.store.executor.call(lambda: [c.number for c in Call.select()])
    assert numbers == ["0120444444"]
    asyncio.run(session.lock())
    final = Vault(unlocked.vault.data_dir).unlock_with_recovery(code)
    assert final.pending_key is None and final.data_key != unlocked.data_key
