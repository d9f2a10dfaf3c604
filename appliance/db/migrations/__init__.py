"""Numbered schema migrations: modules mNNNN_name.py with apply(db), applied once, in order."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from appliance.db.connection import DatabaseOpenError
from appliance.db.models.base import utcnow

_NAME = re.compile(r"^m(\d{4})_\w+$")
_CREATE_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


class SchemaTooNewError(DatabaseOpenError):
    """The database was written by a newer Ringdesk than this one."""


@dataclass(frozen=True)
class Migration:
    """One numbered step of the schema."""

    version: int
    name: str
    apply: Callable[[Any], None]


def discover(package: ModuleType | None = None) -> list[Migration]:
    """Every mNNNN_* module of the package, sorted by number; duplicates are an error."""
    pkg = package if package is not None else importlib.import_module(__name__)
    found: dict[int, Migration] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise RuntimeError(f"two migrations numbered {version}: {info.name}")
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        found[version] = Migration(version, info.name, module.apply)
    return [found[v] for v in sorted(found)]


def current_version(db: Any) -> int:
    """The highest applied migration number (0 for an empty database)."""
    db.execute_sql(_CREATE_VERSION_TABLE)
    row = db.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: Any, migrations: list[Migration] | None = None) -> list[int]:
    """Apply pending migrations each in its own transaction; returns the numbers applied."""
    steps = migrations if migrations is not None else discover()
    have = current_version(db)
    latest = steps[-1].version if steps else 0
    if have > latest:
        raise SchemaTooNewError(
            f"このデータベースは新しい Ringdesk で作られました / the database is at schema "
            f"version {have}, newer than this Ringdesk knows ({latest}); upgrade Ringdesk"
        )
    applied: list[int] = []
    for step in steps:
        if step.version <= have:
            continue
        with db.atomic():
            step.apply(db)
            db.execute_sql(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, utcnow().isoformat(" ")),
            )
        applied.append(step.version)
    return applied
