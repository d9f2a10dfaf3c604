"""Migrations apply in number order, once each, and refuse a database newer than the code."""

from __future__ import annotations

import importlib
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from appliance.db.connection import open_database
from appliance.db.migrations import (
    Migration,
    SchemaTooNewError,
    current_version,
    discover,
    migrate,
)
from appliance.db.models import ALL_MODELS


def _tables(db: Any) -> set[str]:
    return {r[0] for r in db.sql("SELECT name FROM sqlite_master WHERE type='table'")}


def test_from_empty_creates_every_table_and_is_idempotent(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)
    applied = migrate(db)
    assert applied[0] == 1
    assert applied == sorted(applied)
    tables = _tables(db)
    for model in ALL_MODELS:
        assert model._meta.table_name in tables
    assert migrate(db) == []
    assert current_version(db) == applied[-1]
    db.close()


def test_phone_lookup_columns_are_indexed(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)
    migrate(db)
    indexed = {r[1] for r in db.sql("SELECT * FROM pragma_index_list('phone')")}
    cols = set()
    for name in indexed:
        cols |= {r[2] for r in db.sql(f"SELECT * FROM pragma_index_info('{name}')")}
    assert {"e164", "national"} <= cols
    db.close()


def test_steps_run_in_number_order_and_only_once(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)
    ran: list[int] = []

    def step(n: int) -> Migration:
        return Migration(n, f"m{n:04d}_t", lambda d: ran.append(n))

    assert migrate(db, [step(1), step(2)]) == [1, 2]
    assert migrate(db, [step(1), step(2), step(3)]) == [3]
    assert ran == [1, 2, 3]
    db.close()


def test_failed_step_leaves_nothing_half_done(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)

    def bad(d: Any) -> None:
        d.sql("CREATE TABLE half (a)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(db, [Migration(1, "m0001_bad", bad)])
    assert "half" not in _tables(db)
    assert current_version(db) == 0
    db.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)
    migrate(db)
    latest = current_version(db)
    db.sql("INSERT INTO schema_version VALUES (?, ?, ?)", (latest + 5, "m_future", "2030-01-01"))
    with pytest.raises(SchemaTooNewError, match="newer"):
        migrate(db)
    db.close()


def test_discovery_sorts_by_number_and_ignores_other_modules(tmp_path: Path) -> None:
    pkg_dir = tmp_path / "fake_migs"
    pkg_dir.mkdir()
    (pkg_dir / "__init__.py").write_text("")
    (pkg_dir / "m0010_late.py").write_text("def apply(db):\n    pass\n")
    (pkg_dir / "m0002_early.py").write_text("def apply(db):\n    pass\n")
    (pkg_dir / "helpers.py").write_text("")
    sys.path.insert(0, str(tmp_path))
    try:
        fake_migs = importlib.import_module("fake_migs")
        assert isinstance(fake_migs, types.ModuleType)
        assert [m.version for m in discover(fake_migs)] == [2, 10]
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith("fake_migs")]:
            del sys.modules[name]


def test_real_migrations_are_numbered_from_one() -> None:
    versions = [m.version for m in discover()]
    assert versions[0] == 1
    assert len(versions) == len(set(versions))


def test_ops_are_idempotent(tmp_path: Path) -> None:
    import peewee

    from appliance.db.migrations import ops

    db = open_database(tmp_path / "a.db", os.urandom(32), create=True)
    migrate(db)

    def step(d: Any) -> None:
        ops.add_column(d, "customer", "loyalty_points", peewee.IntegerField(default=0))
        ops.add_index(d, "customer", ("loyalty_points",))

    assert migrate(db, [*discover(), Migration(90, "m0090_points", step)]) == [90]
    assert ops.has_column(db, "customer", "loyalty_points")
    assert not ops.add_column(db, "customer", "loyalty_points", peewee.IntegerField(default=0))
    ops.add_index(db, "customer", ("loyalty_points",))
    db.close()
