"""Fixtures for use-case tests: a fresh encrypted store and an operator at a desk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.actor import Actor
from appliance.db.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(user_id=None, desk_id=None, name="受付 佐藤")
