"""Fixtures: a real encrypted store with a customer and a call, a recordings directory, and a
real vault (key-file slot) for the locked box."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.core.customers import create_customer
from appliance.db.store import Store
from appliance.recordings.store import OpenBox, RecordingStore
from appliance.vault.keys import Argon2Params
from appliance.vault.session import VaultSession
from appliance.vault.vault import Vault

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
ACTOR = Actor(user_id=None, desk_id=None, name="受付 佐藤")


@dataclass
class Warnings:
    """Collects what on_warning was told (what every desk would see)."""

    texts: list[str] = field(default_factory=list)

    def __call__(self, text: str) -> None:
        self.texts.append(text)


@pytest.fixture
def warnings() -> Warnings:
    return Warnings()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


@pytest.fixture
def rstore(tmp_path: Path, store: Store, warnings: Warnings) -> RecordingStore:
    return RecordingStore(
        tmp_path / "recordings", OpenBox(store), on_warning=warnings, create_root=True
    )


def customer_call(
    store: Store, name: str = "中村 恵子", number: str = "090-3344-5566", line: str = "line1"
) -> tuple[int, int]:
    """A customer and an incoming call from them: (customer id, call id)."""

    def seed() -> tuple[int, int]:
        customer = create_customer(ACTOR, name, phones=[number])
        call = create_call(ACTOR, line, number=number, customer_id=int(customer.id))
        return int(customer.id), int(call.id)

    return store.executor.call(seed)


@pytest.fixture
def box(tmp_path: Path) -> VaultSession:
    """A locked box: a vault with a key-file slot and an empty database."""
    data = tmp_path / "box"
    unlocked, _code = Vault.create(data, argon=FAST)
    unlocked.add_keyfile_slot(data / "demo.key", "demo-keyfile")
    unlocked.open_store(create=True).close()
    return VaultSession(data)
