"""Fixtures: a real encrypted box database with realistic rows, and an offline key pair."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.core.customers import create_customer
from appliance.core.notes import add_note
from appliance.db.models import database_proxy
from appliance.db.store import Store
from backups import Recipient, VerifyKey


@dataclass(frozen=True)
class Box:
    """A closed database file, its raw key and its rows per table."""

    path: Path
    key: bytes


_PEOPLE = [
    ("山田 太郎", "03-1234-5678"),
    ("佐藤 花子", "090-1111-2222"),
    ("Emily Carter", "+1 212 555 0187"),
    ("鈴木 一郎", "06-6123-4567"),
]


def plant(customers: int = 40, calls: int = 120) -> None:
    """Customers with a note each and calls, in one transaction (on the db thread)."""
    actor = Actor(None, None, "受付")
    with database_proxy.obj.atomic():
        ids = []
        for n in range(customers):
            name, phone = _PEOPLE[n % len(_PEOPLE)]
            c = create_customer(actor, f"{name} {n}", phones=[phone[:-2] + f"{n:02d}"])
            add_note(actor, int(c.id), f"いつもの大盛り {n}")
            ids.append(int(c.id))
        for n in range(calls):
            create_call(actor, "line1", number="0312345678", customer_id=ids[n % len(ids)])


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Box:
    """One planted database for the whole run; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "ringdesk.db"
    key = os.urandom(32)
    store = Store.open(path, key, create=True)
    store.executor.call(plant)
    store.close()  # checkpointed: the whole database is in this one file
    return Box(path, key)


@pytest.fixture
def box(tmp_path: Path, template: Box) -> Box:
    path = tmp_path / "data" / "ringdesk.db"
    path.parent.mkdir()
    shutil.copyfile(template.path, path)
    return Box(path, template.key)


@pytest.fixture
def offline_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def recipient(offline_key: X25519PrivateKey) -> Recipient:
    return Recipient(offline_key.public_key().public_bytes_raw(), {"kind": "test"})


@pytest.fixture
def verify_key() -> VerifyKey:
    return VerifyKey(os.urandom(32), "box-test")


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder
