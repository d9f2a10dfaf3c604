"""A real box process records an answered call from the modem emulator: the voice stream goes
into an encrypted recording linked to the call."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from appliance.db.models import Call, Recording, Task
from appliance.vault.vault import Vault
from drivers.modem import hangup, talk
from tests.appliance.service.boxproc import Desk, answering_box, login, pair_desk, run_box


async def _callbacks(desk: Desk) -> list[object]:
    """The callback board, or nothing yet when the busy box does not answer in time."""
    try:
        async with desk.http() as http:
            board: list[object] = (await http.get("/callbacks")).json()
    except httpx.TimeoutException:  # transcribing the message on a loaded machine
        return []
    return board


async def test_an_auto_answered_call_is_a_voicemail_on_the_callback_board(tmp_path: Path) -> None:
    emulator, data = await answering_box(tmp_path)
    try:
        async with run_box(data) as box:
            desk = await pair_desk(box)
            await login(desk)
            await asyncio.sleep(2.0)  # the box initialises the modem
            emulator.place_call(
                "0927114455",
                None,
                rings=3,
                ring_interval_s=0.5,
                japan=True,
                caller=[talk(3.0), hangup("busy")],
            )
            async with asyncio.timeout(90):
                # the caller talks, hangs up; the recording closes; the callback is posted
                while not await _callbacks(desk):  # noqa: ASYNC110 (the box process posts it)
                    await asyncio.sleep(0.5)
    finally:
        await emulator.stop()
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        rows = store.executor.call(
            lambda: [
                (r.duration_s, r.kind, Call.get_by_id(r.call_id).number) for r in Recording.select()
            ]
        )
        callbacks = store.executor.call(
            lambda: [t.reason for t in Task.select().where(Task.kind == "callback")]
        )
    finally:
        store.close()
    assert len(rows) == 1
    seconds, kind, number = rows[0]
    assert number == "0927114455" and seconds is not None and seconds > 1.0
    assert kind == "voicemail"  # the box answered: a message for the callback board
    assert len(callbacks) == 1 and "voicemail" in callbacks[0]
    assert "岡田".encode() not in next((data / "recordings").glob("*")).read_bytes()


async def test_a_call_recorded_while_locked_is_linked_to_its_call_at_unlock(
    tmp_path: Path,
) -> None:
    emulator, data = await answering_box(tmp_path)
    try:
        async with run_box(data) as box:
            desk = await pair_desk(box)
        (data / "usb.key").rename(tmp_path / "usb.key.away")  # the box reboots locked
        async with run_box(data) as box:
            desk.box = box
            await asyncio.sleep(2.0)
            emulator.place_call(
                "0927114455",
                None,
                rings=3,
                ring_interval_s=0.5,
                japan=True,
                caller=[talk(3.0), hangup("busy")],
            )
            async with asyncio.timeout(60):
                while not list((data / "recordings").glob("*")):  # noqa: ASYNC110
                    await asyncio.sleep(0.2)
            await asyncio.sleep(8.0)
            async with desk.http() as http:
                r = await http.post("/unlock", json={"secret": desk.secret.hex()})
                assert r.status_code == 200 and r.json()["merged"] >= 2  # the call, its audio
    finally:
        await emulator.stop()
    (tmp_path / "usb.key.away").rename(data / "usb.key")
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        rows = store.executor.call(
            lambda: [
                (r.duration_s, r.call.number if r.call_id else None) for r in Recording.select()
            ]
        )
    finally:
        store.close()
    assert len(rows) == 1 and rows[0][1] == "0927114455" and rows[0][0] > 1.0
