"""The whole call path with real processes: a `ringdesk box` on a scripted line, a paired desk."""

from __future__ import annotations

from pathlib import Path

import websockets

from appliance.contract.tls import client_context
from tests.appliance.service.boxproc import init_box, login, next_event, pair_desk, run_box

TOML = """
name = "テスト寿司"
region = "JP"
[[lines]]
name = "line1"
driver = "simulated"
pace = 0.05
repeat = true
gap_s = 10
calls = [{number = "0335551234", name = "SATO", rings = 2, answered = true}]
"""


async def test_a_call_reaches_a_logged_in_desk_as_a_pop(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        url = f"wss://127.0.0.1:{box.port}/events?since=0"
        ctx = client_context(desk.identity, box.cert_pem)
        headers = {"Authorization": f"Bearer {desk.token}"}
        async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
            pop = (await next_event(ws, "pop"))["data"]
            ended = await next_event(ws, "call")
        async with desk.http() as http:  # an admin opens pairing for the next desk
            opened = (await http.post("/pair/open")).json()
        box.code = opened["code"]
        second = await pair_desk(box, "厨房")
        await login(second)
        async with second.http() as http:
            assert (await http.post("/pair/open")).status_code == 200
            assert (await http.get("/status")).json()["locked"] is False
    assert pop["line"] == "line1" and pop["number"] == "0335551234"
    assert [c["display_name"] for c in pop["customers"]] == ["佐藤 花子"]
    assert pop["locked"] is False
    assert ended["data"]["id"] == pop["call_id"]


async def test_a_box_without_its_key_file_starts_locked_and_a_desk_unlocks_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        desk = await pair_desk(box)
    (data / "usb.key").rename(tmp_path / "usb.key.away")  # the USB stick is pulled
    async with run_box(data) as box:
        assert box.code is None  # a desk is paired already: pairing stays closed
        desk.box = box
        url = f"wss://127.0.0.1:{box.port}/events?since=0"
        ctx = client_context(desk.identity, box.cert_pem)
        async with websockets.connect(url, ssl=ctx) as ws:
            pop = (await next_event(ws, "pop"))["data"]
        assert pop["locked"] is True and pop["customers"] == []
        assert pop["number"] == "0335551234"
        async with desk.http() as http:
            status = (await http.get("/status")).json()
            assert status["locked"] is True
            r = await http.post("/unlock", json={"secret": desk.secret.hex()})
            assert r.status_code == 200, r.text
            assert r.json()["merged"] >= 1  # the calls sealed while locked
            assert (await http.get("/status")).json()["locked"] is False
