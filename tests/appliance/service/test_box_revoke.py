"""Revoking a desk through a real `ringdesk box` process ends its open event stream."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import websockets

from appliance.contract.tls import client_context
from appliance.desk_pins import PINS_NAME
from appliance.vault.errors import UnlockError
from appliance.vault.vault import Vault
from tests.appliance.service.boxproc import QUIET_TOML, Desk, init_box, login, pair_desk, run_box


def _events(desk: Desk) -> tuple[str, dict[str, object]]:
    url = f"wss://127.0.0.1:{desk.box.port}/events"
    ctx = client_context(desk.identity, desk.box.cert_pem)
    return url, {"ssl": ctx, "additional_headers": {"Authorization": f"Bearer {desk.token}"}}


async def test_a_revoked_desk_loses_its_open_websocket_and_cannot_reconnect(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        office = await pair_desk(box, "事務所")
        await login(office)
        async with office.http() as http:
            box.code = (await http.post("/pair/open")).json()["code"]
        kitchen = await pair_desk(box, "厨房")
        await login(kitchen)
        url, kw = _events(kitchen)
        async with websockets.connect(url, **kw) as ws:  # type: ignore[arg-type]
            async with office.http() as http:
                desks = (await http.get("/desks")).json()
                kitchen_id = next(d["id"] for d in desks if d["name"] == "厨房")
                assert (await http.delete(f"/desks/{kitchen_id}")).status_code == 200
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 10)  # no event comes: the box closes it
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
        with pytest.raises(websockets.InvalidStatus) as again:  # refused before the upgrade
            async with websockets.connect(url, **kw):  # type: ignore[arg-type]
                pass
        assert again.value.response.status_code == 403
        async with office.http() as http:  # the other desk's stream and requests go on
            assert (await http.get("/desks")).status_code == 200


async def _status_of(desk: Desk) -> int | None:
    """The HTTP status of GET /status from the desk, None when the TLS handshake is refused."""
    try:
        async with desk.http() as http:
            return (await http.get("/status")).status_code
    except httpx.TransportError:
        return None


async def test_a_revoked_desk_stays_refused_after_a_restart_and_its_slot_is_gone(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        office = await pair_desk(box, "事務所")
        await login(office)
        async with office.http() as http:
            box.code = (await http.post("/pair/open")).json()["code"]
        kitchen = await pair_desk(box, "厨房")
        async with office.http() as http:
            desks = (await http.get("/desks")).json()
            kitchen_id = next(d["id"] for d in desks if d["name"] == "厨房")
            assert (await http.delete(f"/desks/{kitchen_id}")).status_code == 200
    assert [s.name for s in Vault(data).slots() if s.kind == "desk"] == ["事務所"]
    with pytest.raises(UnlockError):  # its secret no longer opens the data key
        Vault(data).unlock_with_desk(kitchen.secret)
    assert kitchen.identity.fingerprint not in (data / PINS_NAME).read_text(encoding="utf-8")
    (data / "usb.key").rename(tmp_path / "usb.key.away")  # reboot locked: only the pins say
    async with run_box(data) as box:
        office.box, kitchen.box = box, box
        assert await _status_of(kitchen) in (None, 401, 403)
        assert await _status_of(office) == 200
    (tmp_path / "usb.key.away").rename(data / "usb.key")  # and unlocked (the Desk rows too)
    async with run_box(data) as box:
        office.box, kitchen.box = box, box
        assert await _status_of(kitchen) in (None, 401, 403)
        assert await _status_of(office) == 200


async def test_a_desk_revoked_by_an_older_box_loses_its_slot_and_pin_at_the_next_start(
    tmp_path: Path,
) -> None:
    from appliance.core.access.desks import revoke_desk
    from appliance.core.actor import Actor
    from appliance.db.models import Desk

    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[])
    async with run_box(data) as box:
        kitchen = await pair_desk(box, "厨房")
    store = Vault(data).unlock_with_keyfile().open_store()
    try:  # the Desk row revoked, its slot and pin left behind (as before revocation stuck)
        desk_id = store.executor.call(lambda: int(Desk.get(Desk.name == "厨房").id))
        store.executor.call(revoke_desk, Actor.system("test"), desk_id)
    finally:
        store.close()
    assert "厨房" in [s.name for s in Vault(data).slots()]
    async with run_box(data) as box:
        kitchen.box = box
        assert await _status_of(kitchen) in (None, 401, 403)
    assert "厨房" not in [s.name for s in Vault(data).slots()]
    assert kitchen.identity.fingerprint not in (data / PINS_NAME).read_text(encoding="utf-8")
