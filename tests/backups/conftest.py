"""Fixtures: a real encrypted box database with realistic rows, and an offline key pair."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.core.seeding import seed
from appliance.db.store import Store
from backups import Recipient, VerifyKey


@dataclass(frozen=True)
class Box:
    """A closed database file, its raw key and its rows per table."""

    path: Path
    key: bytes


@pytest.fixture
def box(tmp_path: Path) -> Box:
    path = tmp_path / "data" / "ringdesk.db"
    key = os.urandom(32)
    store = Store.open(path, key, create=True)
    store.executor.call(seed, 40, 120)
    store.close()
    return Box(path, key)


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
