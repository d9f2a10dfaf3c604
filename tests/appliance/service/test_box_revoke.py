"""Revoking a desk through a real `ringdesk box` process ends its open event stream."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import websockets

from appliance.api.tls import client_context
from tests.appliance.service.boxproc import Desk, init_box, login, pair_desk, run_box

TOML = """
name = "テスト寿司"
region = "JP"
[[lines]]
name = "line1"
driver = "simulated"
pace = 0.05
calls = []
"""


def _events(desk: Desk) -> tuple[str, dict[str, object]]:
    url = f"wss://127.0.0.1:{desk.box.port}/events"
    ctx = client_context(desk.identity, desk.box.cert_pem)
    return url, {"ssl": ctx, "additional_headers": {"Authorization": f"Bearer {desk.token}"}}


async def test_a_revoked_desk_loses_its_open_websocket_and_cannot_reconnect(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML, customers=[("佐藤 花子", "03-3555-1234")])
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
