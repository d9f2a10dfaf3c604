"""Fixtures: a vault with cheap Argon2id so tests stay fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.vault.keys import Argon2Params
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)


@pytest.fixture
def made(tmp_path: Path) -> tuple[Unlocked, str]:
    """A new vault in tmp_path/data, unlocked, with its recovery code."""
    return Vault.create(tmp_path / "data", argon=FAST)
