"""The desk app (Pilot) against a real `ringdesk box` process on a simulated line:
pair -> login -> pop appears -> claim with one key -> card -> note with its time."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import websockets
from textual.widgets import TextArea

from tests.appliance.service.boxproc import PASSWORD, init_box, run_box
from tests.tui.conftest import FakeClock, screen_text, until
from tui.app import DeskOptions, build_app
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.dialogs.note import NoteDialog
from tui.dialogs.pop import PopDialog
from tui.screens.card import CustomerScreen

TOML = """
name = "テスト寿司"
region = "JP"
[[lines]]
name = "line1"
driver = "simulated"
pace = 0.3
repeat = true
gap_s = 2
calls = [{number = "0335551234", name = "SATO", rings = 8, answered = false}]
"""


async def test_pop_claim_card_and_a_timed_note(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML, customers=[("佐藤 花子", "03-3555-1234")])
    async with run_box(data) as box:
        assert box.code is not None
        desk = Keystore(tmp_path / "desk")
        await pair(desk, "127.0.0.1", box.port, box.code, desk_name="受付")
        other = Keystore(tmp_path / "other")  # a second desk watching the same calls
        async with DeskApi(desk) as admin:
            await admin.login("hanako", PASSWORD)
            code = (await admin.request("POST", "/pair/open"))["code"]
        await pair(other, "127.0.0.1", box.port, code, desk_name="厨房")
        watcher = DeskApi(other)
        await watcher.login("hanako", PASSWORD)
        url = f"wss://127.0.0.1:{box.port}/events"
        clock = FakeClock()
        app = build_app(desk, DeskOptions(user="hanako", password=PASSWORD), lang="ja", clock=clock)
        async with (
            websockets.connect(url, ssl=watcher.ssl) as ws,
            app.run_test(size=(140, 45)) as pilot,
        ):
            await until(lambda: isinstance(app.screen, PopDialog), 60)
            pop_screen = app.screen
            assert isinstance(pop_screen, PopDialog) and pop_screen.live is not None
            call_id = pop_screen.live.call_id
            await until(lambda: "佐藤 花子" in screen_text(app))
            assert "回線 line1" in screen_text(app)
            await pilot.press("c")  # claim with one key; the card opens
            await until(
                lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None, 20
            )
            card_screen = app.screen
            assert isinstance(card_screen, CustomerScreen) and card_screen.card is not None
            assert app.state.calls[call_id].claimed_by_me
            assert card_screen.call_id == call_id
            seen_by_other: list[dict[str, Any]] = []
            async with asyncio.timeout(20):
                while not seen_by_other:
                    event = json.loads(await ws.recv())
                    if event["kind"] == "call" and event["data"].get("event") == "claimed":
                        seen_by_other.append(event["data"])
            assert seen_by_other[0]["id"] == call_id
            assert seen_by_other[0]["user_name"]  # the others see who took it
            await pilot.press("ctrl+n")
            await until(lambda: isinstance(app.screen, NoteDialog))
            clock.advance(95)  # talking for a minute and a half
            app.screen.query_one("#body", TextArea).insert("いつもの特上、ワサビ抜き")
            await pilot.press("ctrl+s")
            await until(lambda: isinstance(app.screen, CustomerScreen))
            customer_id = card_screen.card.id
            notes = []
            async with DeskApi(desk) as api:
                for _ in range(100):
                    notes = [n for n in await api.notes(customer_id) if "ワサビ" in n.body]
                    if notes:
                        break
                    await pilot.pause(0.1)
        await watcher.aclose()
    assert len(notes) == 1
    assert 95 <= notes[0].time_spent_s < 100 and notes[0].call_id == call_id
