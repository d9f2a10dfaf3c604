"""Desk identity is the TLS connection's certificate: a forwarded header never changes it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import websockets

from appliance.contract.tls import client_context
from tests.appliance.service.boxproc import (
    PASSWORD,
    QUIET_TOML,
    init_box,
    login,
    pair_desk,
    run_box,
)


async def test_a_forged_x_forwarded_for_of_a_paired_desk_gets_no_desk_identity(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        ctx = client_context(desk.identity, box.cert_pem)
        _reader, writer = await asyncio.open_connection("127.0.0.1", box.port, ssl=ctx)
        try:  # the desk's own connection stays open: its address is what the forger names
            port = writer.get_extra_info("sockname")[1]
            forged = {
                "X-Forwarded-For": f"127.0.0.1:{port}",
                "X-Real-IP": "127.0.0.1",
                "Forwarded": f'for="127.0.0.1:{port}"',
            }
            async with desk.http() as http:  # the real desk, for contrast
                r = await http.get("/customers/search", params={"q": "佐藤"}, headers=forged)
                assert r.status_code == 200 and "佐藤" in r.text
            stranger = httpx.AsyncClient(
                base_url=f"https://127.0.0.1:{box.port}",
                timeout=10,
                verify=client_context(None, box.cert_pem),
                headers=forged,
            )
            async with stranger:
                me = await stranger.get("/me")
                assert me.status_code == 403
                r = await stranger.post("/login", json={"username": "hanako", "password": PASSWORD})
                assert r.status_code == 403 and "token" not in r.text
                bearer = {"Authorization": f"Bearer {desk.token}"}
                r = await stranger.get("/customers/search", params={"q": "佐藤"}, headers=bearer)
                assert r.status_code == 403 and "佐藤" not in r.text
            url = f"wss://127.0.0.1:{box.port}/events?since=0"
            headers = {**forged, "Authorization": f"Bearer {desk.token}"}
            with pytest.raises(websockets.InvalidStatus) as refused:
                async with websockets.connect(
                    url, ssl=client_context(None, box.cert_pem), additional_headers=headers
                ):
                    pass
            assert refused.value.response.status_code == 403
        finally:
            writer.close()
