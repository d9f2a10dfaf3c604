"""A real box process on the pty modem emulator: caller ID from the emulated line to a desk."""

from __future__ import annotations

from pathlib import Path

import websockets

from appliance.contract.tls import client_context
from drivers.modem import ModemEmulator
from tests.appliance.service.boxproc import init_box, login, next_event, pair_desk, run_box


async def test_modem_caller_id_pops_on_a_desk_and_the_unplugged_modem_comes_back(
    tmp_path: Path,
) -> None:
    (tmp_path / "dev").mkdir()
    emulator = ModemEmulator("conexant", link_dir=tmp_path / "dev")
    path = await emulator.start()
    data = tmp_path / "box"
    toml = f"""
name = "テスト寿司"
region = "JP"
[[lines]]
name = "line1"
driver = "modem"
device = "{tmp_path / "dev"}/ttyACM*"
"""
    init_box(data, toml=toml, customers=[("鈴木 一郎", "090-1234-5678")])
    try:
        async with run_box(data) as box:
            desk = await pair_desk(box)
            await login(desk)
            url = f"wss://127.0.0.1:{box.port}/events"
            ctx = client_context(desk.identity, box.cert_pem)
            headers = {"Authorization": f"Bearer {desk.token}"}
            async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
                # NTT Number Display sends the number only: the name comes from the card
                emulator.place_call("09012345678", None, rings=2, ring_interval_s=0.5, japan=True)
                pop = (await next_event(ws, "pop"))["data"]
                assert [c["display_name"] for c in pop["customers"]] == ["鈴木 一郎"]
                assert pop["number_display"] == "090-1234-5678"
                await emulator.unplug()
                gone = await next_event(ws, "status")
                assert gone["data"]["lines"][0]["state"] == "reconnecting"
                path = await emulator.replug()
                while (await next_event(ws, "status"))["data"]["lines"][0]["state"] != "connected":
                    pass  # every desk sees the line come back
                emulator.place_call("0312345678", None, rings=2, ring_interval_s=0.5, japan=True)
                again = (await next_event(ws, "pop"))["data"]
            assert again["number"] == "0312345678" and again["customers"] == []
            assert path
    finally:
        await emulator.stop()
