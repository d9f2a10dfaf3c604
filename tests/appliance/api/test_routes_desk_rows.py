"""Paired desks are Desk rows: a restarted box still knows them; a desk paired while locked too."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from routes_office import (
    KITCHEN,
    OFFICE_BOX,
    PASSWORDS,
    RECEPTION,
    Office,
    pair,
    secret,
    seed_users,
)

from appliance.api.server import BoxServer, load_pinned
from appliance.api.state import ApiState, BoxHooks
from appliance.contract.tls import client_context
from appliance.db.models import Desk, Session
from appliance.db.store import Store


async def test_a_restarted_box_still_trusts_its_desks(office: Office) -> None:
    rows = await office.store.executor.run(
        lambda: [(d.id, d.name, d.cert_fingerprint) for d in Desk.select().order_by(Desk.id)]
    )
    assert rows == [
        (office.desk_ids["reception"], "受付", RECEPTION.fingerprint),
        (office.desk_ids["kitchen"], "厨房", KITCHEN.fingerprint),
    ]
    await office.server.stop()
    state = ApiState(box=OFFICE_BOX, hooks=BoxHooks(secret), store=office.store)
    await load_pinned(state)
    assert state.desks.pinned == {
        RECEPTION.fingerprint: office.desk_ids["reception"],
        KITCHEN.fingerprint: office.desk_ids["kitchen"],
    }
    again = BoxServer(state)
    await again.start()
    office.server = again  # the fixture stops this one
    token = await office.login(KITCHEN, "kato")
    async with office.client(KITCHEN, token) as http:
        assert (await http.get("/calls")).status_code == 200
    desks = await office.store.executor.run(
        lambda: [s.__data__["desk"] for s in Session.select().order_by(Session.id)]
    )
    assert desks[-1] == office.desk_ids["kitchen"]  # the session records its desk


async def test_a_desk_paired_while_locked_gets_its_row_at_unlock(tmp_path: Path) -> None:
    state = ApiState(box=OFFICE_BOX, hooks=BoxHooks(secret))
    server = BoxServer(state)
    await server.start()
    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    try:
        await pair(server, RECEPTION, "受付")
        assert list(state.desks.unsaved) == [RECEPTION.fingerprint]
        await store.executor.run(seed_users)
        state.store = store
        await load_pinned(state)
        assert state.desks.unsaved == {}
        desk_id = state.desks.pinned[RECEPTION.fingerprint]
        assert desk_id > 0
        name = await store.executor.run(lambda: str(Desk.get_by_id(desk_id).name))
        assert name == "受付"
        ctx = client_context(RECEPTION, OFFICE_BOX.cert_pem)
        base = f"https://127.0.0.1:{server.port}"
        async with httpx.AsyncClient(base_url=base, verify=ctx) as http:
            r = await http.post("/login", json={"username": "sato", "password": PASSWORDS["sato"]})
            assert r.status_code == 200
            auth = {"Authorization": f"Bearer {r.json()['token']}"}
            assert (await http.get("/calls", headers=auth)).status_code == 200
    finally:
        await server.stop()
        await store.aclose()
