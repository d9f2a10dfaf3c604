"""`ringdesk pair` on the box: the running box opens pairing for one more desk and the command
shows its code as printed; a new desk pairs with it."""

from __future__ import annotations

import asyncio
import os
import re
import stat
from pathlib import Path

from appliance.console_socket import SOCKET_NAME
from tests.appliance.cli.terminal import at_terminal
from tests.appliance.service.boxproc import (
    QUIET_TOML,
    RINGDESK,
    BoxProc,
    init_box,
    login,
    pair_desk,
    run_box,
)


async def _ringdesk(*args: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        RINGDESK,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ},
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode()


async def test_ringdesk_pair_opens_pairing_for_a_second_desk(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[])
    async with run_box(data) as box:
        first = await pair_desk(box, "受付")
        await login(first)
        sock = data / SOCKET_NAME
        assert stat.S_IMODE(sock.stat().st_mode) == 0o600
        code, shown = await _ringdesk("pair", "--data", str(data))
        assert code == 0, shown
        found = re.search(r"pairing code: (\d{4}) (\d{4})", shown)
        assert found, shown
        assert "valid 5 minutes" in shown
        second = await pair_desk(
            BoxProc(box.proc, box.port, box.fingerprint, found[1] + found[2], box.cert_pem),
            "厨房",
        )
        await login(second)
        async with second.http() as http:
            assert (await http.get("/status")).status_code == 200


async def test_without_a_running_box_the_command_says_so(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=QUIET_TOML, customers=[])
    code, shown = await _ringdesk("pair", "--data", str(data))
    assert code != 0 and "no box is running" in shown and "Traceback" not in shown


async def test_a_locked_box_pairs_only_after_ringdesk_unlock(tmp_path: Path) -> None:
    data = tmp_path / "box"
    fast = ["--argon-time", "1", "--argon-memory-kib", "8192"]
    code, shown = await asyncio.to_thread(at_terminal, ["init", "--data", str(data), *fast], [])
    recovery = re.search(r"never stored\):\s*\r?\n(\S[^\r\n]*)", shown)
    assert code == 0 and recovery, shown
    (data / "ringdesk.toml").write_text(QUIET_TOML, encoding="utf-8")
    async with run_box(data):  # no key file: locked
        code, shown = await _ringdesk("pair", "--data", str(data))
        assert code != 0 and "ringdesk unlock" in shown, shown
        wrong = "Y" * 5 + "-" + "7" * 5 + "-" + "K" * 5
        code, shown = await asyncio.to_thread(
            at_terminal, ["unlock", "--data", str(data)], [("recovery code", wrong)]
        )
        assert code != 0 and "does not open this box" in shown, shown
        code, shown = await asyncio.to_thread(
            at_terminal,
            ["unlock", "--data", str(data)],
            [("recovery code", recovery.group(1).strip())],
        )
        assert code == 0 and "unlocked" in shown, shown
        code, shown = await _ringdesk("pair", "--data", str(data))
        assert code == 0 and re.search(r"pairing code: \d{4} \d{4}", shown), shown
