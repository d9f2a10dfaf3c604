"""In a real `ringdesk box` process, each bridge source configured as a [[lines]] entry that
goes away reaches a paired desk as a status event (its line reconnecting), and is connected
again when it comes back: ND adapter and line card over a pty, an NCID server over TCP; a
Whozz Calling line whose UDP port is taken says so and binds once the port is free."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import websockets

from appliance.contract.tls import client_context
from firmware_bridge.linecard.emulator import LineCardEmulator
from firmware_bridge.ncid.emulator import NcidServerEmulator
from firmware_bridge.nd.emulator import NdAdapterEmulator
from tests.appliance.service.boxproc import (
    Desk,
    init_box,
    login,
    next_event,
    pair_desk,
    run_box,
)


def _point(link: Path, target: str) -> None:
    """The USB device node: a symlink swapped to the emulator's new pty when it is plugged in."""
    tmp = link.with_suffix(".new")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    tmp.replace(link)


async def _line_state(ws: Any, line: str, state: str) -> dict[str, Any]:
    while True:
        event = await next_event(ws, "status", 20.0)
        lines = {entry["name"]: entry for entry in event["data"]["lines"]}
        if lines[line]["state"] == state:
            return dict(lines[line])


async def _all_connected(desk: Desk) -> None:
    async with desk.http() as http:
        for _ in range(200):
            lines = (await http.get("/status")).json()["lines"]
            if all(entry["state"] == "connected" for entry in lines):
                return
            await asyncio.sleep(0.1)
    raise AssertionError(f"lines not all connected: {lines}")


async def test_each_source_that_goes_away_is_reported_to_the_desk_and_reconnected(
    tmp_path: Path,
) -> None:
    nd, card, ncid = NdAdapterEmulator(), LineCardEmulator(speed=1), NcidServerEmulator()
    await nd.start()
    await card.start()
    await ncid.start()
    holder = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    holder.bind(("127.0.0.1", 0))  # another program listens on the Whozz port
    nd_dev, card_dev = tmp_path / "ttyUSB0", tmp_path / "ttyACM0"
    _point(nd_dev, nd.path)
    _point(card_dev, card.path)
    toml = (
        "\n".join(
            [
                'name = "受付"',
                'region = "JP"',
                "[[lines]]",
                'name = "nd"',
                'driver = "nd-adapter"',
                f'device = "{nd_dev}"',
                "retry_s = 0.2",
                "[[lines]]",
                'name = "card"',
                'driver = "linecard"',
                f'device = "{card_dev}"',
                "retry_s = 0.2",
                "[[lines]]",
                'name = "ncid"',
                'driver = "ncid"',
                'host = "127.0.0.1"',
                f"port = {ncid.port}",
                "retry_s = 0.2",
                "[[lines]]",
                'name = "wc"',
                'driver = "whozz"',
                'host = "127.0.0.1"',
                f"port = {holder.getsockname()[1]}",
                "retry_s = 0.2",
            ]
        )
        + "\n"
    )
    data = tmp_path / "box"
    init_box(data, toml=toml, customers=[("山田 花子", "0312345678")])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        ctx = client_context(desk.identity, box.cert_pem)
        headers = {"Authorization": f"Bearer {desk.token}"}
        async with websockets.connect(
            f"wss://127.0.0.1:{box.port}/events", ssl=ctx, additional_headers=headers
        ) as ws:

            async def nd_back() -> None:
                nonlocal nd
                nd = NdAdapterEmulator()
                await nd.start()
                _point(nd_dev, nd.path)

            async def card_back() -> None:
                nonlocal card
                card = LineCardEmulator(speed=1)
                await card.start()
                _point(card_dev, card.path)

            async def ncid_back() -> None:
                nonlocal ncid
                ncid = NcidServerEmulator(port=ncid.port)  # the server restarts on its port
                await ncid.start()

            cases: list[tuple[str, Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]]
            cases = [
                ("nd", lambda: nd.stop(), nd_back),
                ("card", lambda: card.stop(), card_back),
                ("ncid", lambda: ncid.stop(), ncid_back),
            ]
            async with desk.http() as http:
                lines = {e["name"]: e for e in (await http.get("/status")).json()["lines"]}
            assert lines["wc"]["state"] == "reconnecting", lines
            assert str(holder.getsockname()[1]) in lines["wc"]["detail"]
            holder.close()
            await _line_state(ws, "wc", "connected")
            await _all_connected(desk)
            for line, unplug, plug in cases:
                await unplug()
                gone = await _line_state(ws, line, "reconnecting")
                assert gone["detail"], line
                await plug()
                await _line_state(ws, line, "connected")
    await nd.stop()
    await card.stop()
    await ncid.stop()
