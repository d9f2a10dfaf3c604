"""Fixtures: a fresh encrypted database file per test, migrated and bound to the models."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.db.store import Store


@pytest.fixture
def db_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def store(tmp_path: Path, db_key: bytes) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", db_key, create=True)
    yield s
    s.close()
