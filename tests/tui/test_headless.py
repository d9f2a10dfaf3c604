"""`ringdesk desk --headless` as a real subprocess against a real box API."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.tui.conftest import PASSWORD, Box
from tui.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]


async def _desk(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("ringdesk")),
        "desk",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


async def test_headless_pairs_logs_in_and_prints_pops(box: Box, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    proc = await _desk(
        "--data",
        str(tmp_path / "desk"),
        "--box",
        f"127.0.0.1:{box.port}",
        "--pair",
        box.open_pairing(),
        "--user",
        "tanaka",
        "--password-file",
        str(secret),
        "--headless",
        "--json",
        "--max-events",
        "2",
        "--lang",
        "en",
    )
    assert proc.stderr is not None and proc.stdout is not None
    async with asyncio.timeout(60):
        hello = (await proc.stderr.readline()).decode()
        assert "connected to" in hello, hello + (await proc.stderr.read()).decode()
        sent = await box.pop(101, "1", customer_id=3)
        box.publish("ring", {"call_id": 102, "line": "2", "count": 1})  # not printed
        box.publish(
            "call",
            {
                "id": 101,
                "line": "1",
                "direction": "in",
                "state": "answered",
                "started_at": sent["at"],
                "user_name": "tanaka",
                "event": "claimed",
            },
        )
        out, _ = await proc.communicate()
    lines = [json.loads(x) for x in out.decode().splitlines()]
    assert proc.returncode == 0
    assert [(x["kind"], x["seq"]) for x in lines] == [("pop", 1), ("call", 3)]
    assert lines[0]["data"]["customers"][0]["display_name"] == sent["customers"][0]["display_name"]


async def test_headless_text_lines_and_a_second_run_reuses_the_session(
    box: Box, tmp_path: Path
) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD, encoding="utf-8")
    data = str(tmp_path / "desk")
    first = await _desk(
        "--data",
        data,
        "--box",
        f"127.0.0.1:{box.port}",
        "--pair",
        box.open_pairing(),
        "--user",
        "smith",
        "--password-file",
        str(secret),
        "--headless",
        "--max-events",
        "1",
    )
    assert first.stderr is not None
    async with asyncio.timeout(60):
        await first.stderr.readline()
        sent = await box.pop(7, "3", customer_id=5)
        out, _ = await first.communicate()
    set_language("ja")
    name = sent["customers"][0]["display_name"]
    assert out.decode().startswith("pop   回線 3") and name in out.decode()
    # the token is kept: no credentials the second time
    again = await _desk("--data", data, "--headless", "--max-events", "1", "--lang", "en")
    assert again.stderr is not None
    async with asyncio.timeout(60):
        await again.stderr.readline()
        await box.pop(8, "1", customer_id=6)
        out, _ = await again.communicate()
    assert again.returncode == 0 and out.decode().startswith("pop   Line 1")


async def test_headless_unpaired_says_how_to_pair(tmp_path: Path) -> None:
    proc_h = await _desk("--data", str(tmp_path / "none"), "--headless")
    _, err = await proc_h.communicate()
    assert proc_h.returncode == 1
    assert "--pair CODE" in err.decode() and "ペアリング" in err.decode()


async def test_record_arrivals_for_several_desks(box: Box, tmp_path: Path) -> None:
    from tui.client.desk_api import DeskApi
    from tui.client.keystore import Keystore
    from tui.client.pairing import pair
    from tui.headless import record_arrivals

    clients = []
    for i in range(3):
        ks = Keystore(tmp_path / f"desk{i}")
        await pair(ks, "127.0.0.1", box.port, box.open_pairing(), desk_name=f"デスク{i}")
        client = DeskApi(ks)
        await client.login("tanaka", PASSWORD)
        clients.append(client)
    stop, up = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(record_arrivals(clients, stop, all_connected=up))
    await asyncio.wait_for(up.wait(), 20)
    await box.pop(201, "1", customer_id=2)
    await box.pop(202, "2", customer_id=3)
    box.publish("ring", {"call_id": 203, "line": "3", "count": 1})  # not a pop: not recorded
    await asyncio.sleep(0.5)
    stop.set()
    box.publish("ring", {"call_id": 204, "line": "3", "count": 2})  # wakes the streams
    seen = await asyncio.wait_for(task, 20)
    for client in clients:
        await client.aclose()
    assert sorted((a.desk, a.call_id) for a in seen) == [
        (d, c) for d in range(3) for c in (201, 202)
    ]
    assert all(a.kind == "pop" and a.at_ns > 0 for a in seen)
