"""Fixtures for the route tests (helpers in routes_office.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from routes_office import KITCHEN, OFFICE_BOX, RECEPTION, Office, pair, secret, seed_users

from appliance.api.server import BoxServer
from appliance.api.state import ApiState, BoxHooks
from appliance.db.store import Store


@pytest.fixture
async def office(tmp_path: Path) -> AsyncIterator[Office]:
    """A running box with reception and kitchen desks paired and the staff created."""
    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    await store.executor.run(seed_users)
    revoked: list[int] = []

    async def drop_slot(desk_id: int, _name: str, _fingerprint: str) -> None:
        revoked.append(desk_id)

    state = ApiState(box=OFFICE_BOX, hooks=BoxHooks(secret, on_revoke=drop_slot), store=store)
    server = BoxServer(state)
    await server.start()
    ids = {
        "reception": await pair(server, RECEPTION, "受付"),
        "kitchen": await pair(server, KITCHEN, "厨房"),
    }
    office = Office(server, store, ids, revoked=revoked)
    try:
        yield office
    finally:
        for http in office.clients.values():
            await http.aclose()
        await office.server.stop()
        await store.aclose()
