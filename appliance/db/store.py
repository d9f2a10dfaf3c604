"""Store: the open database, migrated and bound to the models, with its executor thread."""

from __future__ import annotations

import asyncio
from pathlib import Path

from appliance.db.connection import CipherDatabase, open_database
from appliance.db.executor import DbExecutor
from appliance.db.migrations import migrate
from appliance.db.models.base import database_proxy


class Store:
    """The box's database and the one thread allowed to touch it."""

    def __init__(self, db: CipherDatabase, executor: DbExecutor) -> None:
        self.db = db
        self.executor = executor

    @classmethod
    def open(
        cls, path: Path, key: bytes, *, create: bool = False, check_integrity: bool = True
    ) -> Store:
        """Open, check and migrate on the db thread; blocks, so call it before the loop runs."""
        executor = DbExecutor()
        try:
            db = executor.call(_open_and_migrate, Path(path), key, create, check_integrity)
        except BaseException:
            executor.shutdown()
            raise
        return cls(db, executor)

    @classmethod
    async def open_async(
        cls, path: Path, key: bytes, *, create: bool = False, check_integrity: bool = True
    ) -> Store:
        """Like open(), awaited from the event loop without blocking it."""
        executor = DbExecutor()
        try:
            db = await executor.run(_open_and_migrate, Path(path), key, create, check_integrity)
        except BaseException:
            await asyncio.to_thread(executor.shutdown)
            raise
        return cls(db, executor)

    def close(self) -> None:
        """Checkpoint and close the database, then stop the thread."""
        self.executor.call(_close, self.db)
        self.executor.shutdown()

    async def aclose(self) -> None:
        """Like close(), from the event loop."""
        await self.executor.run(_close, self.db)
        await asyncio.to_thread(self.executor.shutdown)  # joining the thread blocks


def _open_and_migrate(path: Path, key: bytes, create: bool, check: bool) -> CipherDatabase:
    db = open_database(path, key, create=create, check_integrity=check)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    database_proxy.initialize(db)
    return db


def _close(db: CipherDatabase) -> None:
    if not db.is_closed():
        db.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    if database_proxy.obj is db:
        database_proxy.initialize(None)
