"""The box's lock cycle: locked calls sealed, desk unlock merges them, lock, again."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from appliance.db.models import Call
from appliance.vault.errors import DeskRefusedError, UnlockError
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession, demo_vault
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault


def _calls(session: VaultSession) -> list[tuple[str, str]]:
    assert session.store is not None

    async def read() -> list[tuple[str, str]]:
        assert session.store is not None
        rows: Any = await session.store.executor.run(
            lambda: list(Call.select(Call.line, Call.number).order_by(Call.id).tuples())
        )
        return [(str(a), str(b)) for a, b in rows]

    return asyncio.run(read())


def _locked(session: VaultSession) -> bool:
    return session.locked


def test_lock_cycle_with_a_desk(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    unlocked.open_store(create=True).close()
    secret = unlocked.add_desk_slot("desk-reception")
    session = VaultSession(unlocked.vault.data_dir)
    assert _locked(session)
    session.seal(CALL, call_payload("line1", number="0312345678"))
    session.seal(CALL, call_payload("line2", number="", reason="P"))
    with pytest.raises(UnlockError):
        asyncio.run(session.unlock_with_desk(os.urandom(32)))
    assert _locked(session)
    report = asyncio.run(session.unlock_with_desk(secret, "desk-reception"))
    assert report.applied == 2 and not _locked(session)
    assert _calls(session) == [("line1", "0312345678"), ("line2", "")]
    with pytest.raises(RuntimeError):
        session.seal(CALL, b"{}")
    asyncio.run(session.lock())
    assert _locked(session)
    session.seal(CALL, call_payload("line1", number="09011112222"))
    assert asyncio.run(session.unlock_with_desk(secret)).applied == 1
    assert len(_calls(session)) == 3
    other = asyncio.run(session.add_desk("desk-office"))
    asyncio.run(session.revoke_desk("desk-reception"))
    asyncio.run(session.lock())
    with pytest.raises(UnlockError):
        asyncio.run(session.unlock_with_desk(secret))
    asyncio.run(session.unlock_with_desk(other))
    assert len(_calls(session)) == 3  # rotated, nothing lost
    asyncio.run(session.lock())


def test_demo_vault_unlocks_by_its_key_file(tmp_path: Path) -> None:
    first = demo_vault(tmp_path / "demo")
    assert (tmp_path / "demo" / "demo.key").is_file()
    again = demo_vault(tmp_path / "demo")
    assert again.data_key == first.data_key
    assert [s.kind for s in Vault(tmp_path / "demo").slots()] == ["recovery", "keyfile"]


def test_a_desk_is_refused_while_locked_or_under_a_taken_name(made: tuple[Unlocked, str]) -> None:
    unlocked, _ = made
    unlocked.open_store(create=True).close()
    unlocked.add_desk_slot("受付")
    session = VaultSession(unlocked.vault.data_dir)
    assert session.desk_name_taken("受付") and not session.desk_name_taken("厨房")
    with pytest.raises(DeskRefusedError, match="locked"):
        asyncio.run(session.add_desk("厨房"))
    asyncio.run(session.unlock_with_desk(unlocked.add_desk_slot("事務所")))
    with pytest.raises(DeskRefusedError, match="already paired"):
        asyncio.run(session.add_desk("受付"))
    assert len(asyncio.run(session.add_desk("厨房"))) == 32
    asyncio.run(session.lock())
