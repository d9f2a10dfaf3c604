"""./dev check-aarch64's lock check: the real uv.lock installs on aarch64 CPython 3.11, and a
package with no aarch64 wheel and no build recipe is caught (wheel tags, forks by Python)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "deploy" / "aarch64" / "check_lock.py"
FILES = "https://files.example/"
LOCK = f"""
version = 1
requires-python = ">=3.11"

[[package]]
name = "box"
version = "0.1.0"
source = {{ editable = "." }}
dependencies = [
    {{ name = "fast" }},
    {{ name = "forked", version = "1.0", marker = "python_full_version < '3.12'" }},
    {{ name = "forked", version = "2.0", marker = "python_full_version >= '3.12'" }},
    {{ name = "winonly", marker = "sys_platform == 'win32'" }},
]

[[package]]
name = "fast"
version = "1.0"
sdist = {{ url = "{FILES}fast-1.0.tar.gz" }}
wheels = [
    {{ url = "{FILES}fast-1.0-cp311-cp311-manylinux_2_17_x86_64.whl" }},
    {{ url = "{FILES}fast-1.0-cp39-abi3-manylinux_2_28_aarch64.whl" }},
]

[[package]]
name = "forked"
version = "1.0"
sdist = {{ url = "{FILES}forked-1.0.tar.gz" }}
wheels = [{{ url = "{FILES}forked-1.0-cp311-cp311-manylinux_2_17_x86_64.whl" }}]

[[package]]
name = "forked"
version = "2.0"
wheels = [{{ url = "{FILES}forked-2.0-cp312-cp312-manylinux_2_17_aarch64.whl" }}]

[[package]]
name = "winonly"
version = "1.0"
wheels = [{{ url = "{FILES}winonly-1.0-py3-none-win_amd64.whl" }}]
"""


def _check(lock: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    done = subprocess.run(
        [sys.executable, str(CHECK), str(lock), "--json", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, json.loads(done.stdout)


def test_the_real_lock_installs_on_the_pi() -> None:
    rc, rows = _check(ROOT / "uv.lock", "--dev")
    assert rc == 0, [r for r in rows if not r["ok"]]
    names = {r["name"] for r in rows}
    assert {"sqlcipher3", "numpy", "pyaudio", "pytest"} <= names
    pyaudio = next(r for r in rows if r["name"] == "pyaudio")
    assert "portaudio19-dev" in pyaudio["how"] or "aarch64" in pyaudio["how"]


def test_a_package_without_an_aarch64_wheel_is_caught(tmp_path: Path) -> None:
    lock = tmp_path / "uv.lock"
    lock.write_text(LOCK, encoding="utf-8")
    rc, rows = _check(lock)
    assert rc == 1
    by_name = {(r["name"], r["version"]): r for r in rows}
    assert set(by_name) == {("fast", "1.0"), ("forked", "1.0")}  # 3.11's fork; no win32 deps
    assert by_name["fast", "1.0"]["ok"] and "abi3" in by_name["fast", "1.0"]["how"]
    assert not by_name["forked", "1.0"]["ok"]
    assert "no named build recipe" in by_name["forked", "1.0"]["how"]
