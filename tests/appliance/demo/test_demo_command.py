"""`ringdesk demo --headless` on a fresh dir: a box process on the modem emulator, a desk process
that pairs, logs in and prints the pops of the regulars who call."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _demo(data: Path) -> tuple[int, str, str]:
    demo = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("ringdesk")),
            "demo",
            "--data",
            str(data),
            "--headless",
            "--customers",
            "50",
            "--calls",
            "2",
            "--gap",
            "0.5",
            "--lang",
            "en",
            "--port",
            str(_free_port()),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = demo.communicate(timeout=200)
    finally:  # the demo's box and desk go with it, whatever happened
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGTERM)
            demo.wait(30)
    return demo.returncode, stdout, stderr


@pytest.mark.timeout(450)
def test_demo_plays_calls_through_the_modem_emulator_to_a_desk(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    code, stdout, stderr = _demo(data)
    assert code == 0, stderr
    assert "encrypted SQLCipher" in stdout
    assert f"saved as PNGs in {data.resolve() / 'printed'}" in stdout
    assert "山田 太郎" in stdout and "佐々木 美咲" in stdout
    db = (data / "box" / "ringdesk.db").read_bytes()
    assert "山田".encode() not in db and "わさび".encode() not in db
    # run again on the same directory: the desk is already paired and just logs in
    code, stdout, stderr = _demo(data)
    assert code == 0, stderr
    assert "山田 太郎" in stdout and "internal error" not in stderr
