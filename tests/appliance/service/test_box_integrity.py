"""A damaged database page is found by the box's integrity check at boot (run beside the box,
so calls are taken meanwhile) and shown to every desk."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.appliance.service.boxproc import init_box, pair_desk, run_box

TOML = '[[lines]]\nname = "line1"\ndriver = "simulated"\n'


async def test_a_damaged_page_is_a_warning_on_every_desk(tmp_path: Path) -> None:
    data = tmp_path / "box"
    people = [(f"テスト 太郎{i}", f"03-5555-{i:04d}") for i in range(300)]
    init_box(data, toml=TOML, customers=people)
    async with run_box(data) as box:  # pair while the file is sound
        desk = await pair_desk(box)
    db = data / "ringdesk.db"
    raw = bytearray(db.read_bytes())
    assert len(raw) > 40 * 4096
    raw[30 * 4096 + 100 : 30 * 4096 + 116] = bytes(16)  # one page's ciphertext
    db.write_bytes(bytes(raw))
    async with run_box(data) as box:
        desk.box = box
        async with desk.http() as http, asyncio.timeout(30):
            while not (warnings := (await http.get("/status")).json()["warnings"]):  # noqa: ASYNC110
                await asyncio.sleep(0.2)
        assert box.proc.returncode is None
    assert [w["code"] for w in warnings] == ["database_damaged"], warnings
    assert warnings[0]["values"]["pages"] >= 1
