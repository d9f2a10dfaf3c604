"""`./dev package`'s Debian package: built for real (uncompressed, to be quick) and read back
with dpkg-deb -I/-c; the environment it carries runs from wherever it is unpacked."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = ROOT / ".cache" / "bootstrap" / "bin" / "uv"
DEBIAN_PYTHON = Path("/usr/bin/python3")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("dpkg-deb") is None or not UV.exists() or not DEBIAN_PYTHON.exists(),
        reason="needs dpkg-deb, Debian's /usr/bin/python3 and ./dev setup's uv",
    ),
]


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [str(ROOT / "deploy" / "debian" / "build.sh"), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "DEB_COMPRESS": "none"},
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.name.startswith("ringdesk_") and path.suffix == ".deb"
    return path


def _dpkg_deb(*args: str) -> str:
    return subprocess.run(
        ["dpkg-deb", *args], capture_output=True, text=True, check=True, timeout=300
    ).stdout


def test_control_names_the_package_its_dependencies_and_maintainer_scripts(deb: Path) -> None:
    info = _dpkg_deb("-I", str(deb))
    assert "Package: ringdesk" in info
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert f"Architecture: {arch}" in info
    assert (
        "Depends: python3 (>= 3.11), python3 (<< 3.12), libopus0, libportaudio2, systemd, udev"
        in info
    )
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert f" {script} " in info


def test_contents_are_the_locked_environment_unit_rule_and_commands(deb: Path) -> None:
    listing = _dpkg_deb("-c", str(deb))
    names = {line.split()[-1] for line in listing.splitlines() if "->" not in line}
    links = [line for line in listing.splitlines() if "->" in line]
    for path in (
        "./opt/ringdesk/bin/ringdesk",
        "./opt/ringdesk/pyvenv.cfg",
        "./lib/systemd/system/ringdesk-box.service",
        "./lib/udev/rules.d/77-ringdesk-modem.rules",
        "./lib/udev/rules.d/77-ringdesk-printer.rules",
        "./usr/bin/ringdesk",
        "./usr/sbin/ringdesk-setup",
    ):
        assert path in names, path
    site = "./opt/ringdesk/lib/python3.11/site-packages/"
    assert any(n.startswith(site + "appliance/") for n in names)
    assert any(n.startswith(site + "sqlcipher3") for n in names)
    for dev_tool in ("pytest", "mypy", "ruff", "hypothesis"):
        assert not any(f"site-packages/{dev_tool}/" in n for n in names), dev_tool
    assert any("./opt/ringdesk/bin/python -> /usr/bin/python3" in line for line in links)
    assert all(" root/root " in line for line in listing.splitlines())


def test_the_unpacked_environment_runs_the_ringdesk_command(deb: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True, timeout=300)
    ringdesk = tmp_path / "opt" / "ringdesk" / "bin" / "ringdesk"
    done = subprocess.run(
        [str(ringdesk), "modem", "probe", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "usage: ringdesk modem probe" in done.stdout
    python = tmp_path / "opt" / "ringdesk" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", "import sqlcipher3, pyaudio, appliance.service; print('ok')"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "ok", done.stderr
