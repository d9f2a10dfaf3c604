"""`ringdesk demo` on a fresh data dir: a vault on the demo key file, seeded customers, pops."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_demo_plays_calls_and_prints_the_regulars_cards(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    out = subprocess.run(
        [str(Path(sys.executable).with_name("ringdesk")), "demo", "--data", str(data),
         "--customers", "50", "--calls", "2", "--gap", "0.2", "--lang", "en"],
        capture_output=True, text=True, timeout=90, check=True,
    )  # fmt: skip
    assert "encrypted SQLCipher" in out.stdout
    assert "山田 太郎" in out.stdout and "わさび抜き" in out.stdout
    assert "佐々木 美咲" in out.stdout
    assert (data / "ringdesk.db").is_file()
    assert b"\xe5\xb1\xb1\xe7\x94\xb0" not in (data / "ringdesk.db").read_bytes()  # 山田
