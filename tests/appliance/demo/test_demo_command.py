"""`ringdesk demo --headless` on a fresh dir: a box process on the modem emulator, a desk process
that pairs, logs in and prints the pops of the regulars who call."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_plays_calls_through_the_modem_emulator_to_a_desk(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    out = subprocess.run(
        [str(Path(sys.executable).with_name("ringdesk")), "demo", "--data", str(data),
         "--headless", "--customers", "50", "--calls", "2", "--gap", "0.5", "--lang", "en",
         "--port", str(_free_port())],
        capture_output=True, text=True, timeout=150, check=True,
    )  # fmt: skip
    assert "encrypted SQLCipher" in out.stdout
    assert "山田 太郎" in out.stdout and "佐々木 美咲" in out.stdout
    db = (data / "box" / "ringdesk.db").read_bytes()
    assert "山田".encode() not in db and "わさび".encode() not in db
