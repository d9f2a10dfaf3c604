"""A real box process records an answered call from the modem emulator: the voice stream goes
into an encrypted recording linked to the call."""

from __future__ import annotations

import asyncio
from pathlib import Path

from appliance.db.models import Call, Recording
from appliance.vault.vault import Vault
from drivers.modem import ModemEmulator, hangup, talk
from tests.appliance.service.boxproc import init_box, run_box


async def test_an_auto_answered_call_is_recorded_and_linked(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    emulator = ModemEmulator("conexant", link_dir=tmp_path / "dev")
    await emulator.start()
    data = tmp_path / "box"
    toml = f"""
region = "JP"
[[lines]]
name = "line1"
driver = "modem"
device = "{tmp_path / "dev"}/ttyACM*"
auto_answer_rings = 2
record = true
"""
    init_box(data, toml=toml, customers=[("岡田 由美", "092-711-4455")])
    try:
        async with run_box(data):
            await asyncio.sleep(2.0)  # the box initialises the modem
            emulator.place_call("0927114455", None, rings=3, ring_interval_s=0.5, japan=True,
                                caller=[talk(3.0), hangup("busy")])  # fmt: skip
            async with asyncio.timeout(60):
                while not list((data / "recordings").glob("*")):  # noqa: ASYNC110
                    await asyncio.sleep(0.2)
            await asyncio.sleep(8.0)  # the caller talks, hangs up; the recording closes
    finally:
        await emulator.stop()
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        rows = store.executor.call(
            lambda: [(r.duration_s, Call.get_by_id(r.call_id).number) for r in Recording.select()]
        )
    finally:
        store.close()
    assert len(rows) == 1
    seconds, number = rows[0]
    assert number == "0927114455" and seconds is not None and seconds > 1.0
    assert "岡田".encode() not in next((data / "recordings").glob("*")).read_bytes()
