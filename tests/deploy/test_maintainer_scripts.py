"""The package's maintainer scripts run against a root of their own (DPKG_ROOT) with systemctl
and the account tools stood in for: an upgrade keeps a copy of the data and the running
version, a new version that does not start is rolled back with its data, one that starts
keeps running; a purge keeps the data unless RINGDESK_PURGE_DATA=1."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "deploy" / "debian"
STUBS = ("getent", "useradd", "usermod", "userdel", "chown", "udevadm", "journalctl")
SYSTEMCTL = """#!/bin/sh
echo "systemctl $*" >>"$CALLS"
if [ "$1" = restart ] && [ -e "$FAIL_START" ]; then exit 1; fi
exit 0
"""


def _box(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A root with systemd running, an installed version and a set-up box; the stubs' env."""
    root = tmp_path / "root"
    (root / "run/systemd/system").mkdir(parents=True)
    (root / "opt/ringdesk").mkdir(parents=True)
    (root / "opt/ringdesk/VERSION").write_text("old")
    data = root / "var/lib/ringdesk"
    data.mkdir(parents=True)
    (data / "vault.slots").write_text("slots")
    (data / "ringdesk.db").write_text("old schema")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name in STUBS:
        (stubs / name).write_text(f'#!/bin/sh\necho "{name} $*" >>"$CALLS"\n')
    (stubs / "systemctl").write_text(SYSTEMCTL)
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    env = {
        "PATH": f"{stubs}:{os.environ['PATH']}",
        "DPKG_ROOT": str(root),
        "CALLS": str(tmp_path / "calls"),
        "FAIL_START": str(tmp_path / "fail-start"),
    }
    return root, env


def _run(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    text = (SCRIPTS / script).read_text(encoding="utf-8").replace("@VERSION@", "0.2")
    return subprocess.run(
        ["sh", "-c", text, script, *args], env=env, capture_output=True, text=True, timeout=60
    )


def _unpack_new_version(root: Path) -> None:
    """What dpkg does between preinst and postinst, and what the new version's first start
    would have done to the data (a migration)."""
    (root / "opt/ringdesk/VERSION").write_text("new")
    (root / "var/lib/ringdesk/ringdesk.db").write_text("new schema")


def test_a_new_version_that_does_not_start_is_rolled_back_with_its_data(tmp_path: Path) -> None:
    root, env = _box(tmp_path)
    assert _run("preinst", env, "upgrade", "0.1").returncode == 0
    assert (root / "var/backups/ringdesk/pre-upgrade-0.1.tar").exists()
    assert (root / "opt/ringdesk.previous/VERSION").read_text() == "old"
    _unpack_new_version(root)
    (tmp_path / "fail-start").touch()
    done = _run("postinst", env, "configure", "0.1")
    assert done.returncode == 1  # apt reports the failed upgrade
    assert "0.2 did not start; going back to 0.1" in done.stderr
    assert (root / "opt/ringdesk/VERSION").read_text() == "old"
    assert (root / "opt/ringdesk.failed/VERSION").read_text() == "new"
    assert (root / "var/lib/ringdesk/ringdesk.db").read_text() == "old schema"
    calls = (tmp_path / "calls").read_text()
    assert "systemctl stop ringdesk-box.service" in calls  # before the copy was taken
    assert calls.rstrip().endswith("systemctl start ringdesk-box.service")


def test_a_new_version_that_starts_stays_and_the_previous_copy_goes(tmp_path: Path) -> None:
    root, env = _box(tmp_path)
    assert _run("preinst", env, "upgrade", "0.1").returncode == 0
    _unpack_new_version(root)
    done = _run("postinst", env, "configure", "0.1")
    assert done.returncode == 0, done.stderr
    assert "upgraded from 0.1 to 0.2" in done.stdout
    assert (root / "opt/ringdesk/VERSION").read_text() == "new"
    assert not (root / "opt/ringdesk.previous").exists()
    assert (root / "var/backups/ringdesk/pre-upgrade-0.1.tar").exists()  # kept


def test_a_first_install_makes_the_user_and_points_to_setup(tmp_path: Path) -> None:
    root, env = _box(tmp_path)
    (root / "var/lib/ringdesk/vault.slots").unlink()
    done = _run("postinst", env, "configure", "")
    assert done.returncode == 0, done.stderr
    assert "sudo ringdesk-setup" in done.stdout
    calls = (tmp_path / "calls").read_text()
    assert "chown ringdesk:ringdesk" in calls
    assert "systemctl enable ringdesk-box.service" in calls
    assert "systemctl restart" not in calls  # nothing to start before the vault exists


def test_purge_keeps_the_data_unless_asked(tmp_path: Path) -> None:
    root, env = _box(tmp_path)
    done = _run("postrm", env, "purge")
    assert done.returncode == 0 and "RINGDESK_PURGE_DATA=1" in done.stdout
    assert (root / "var/lib/ringdesk/vault.slots").exists()
    done = _run("postrm", {**env, "RINGDESK_PURGE_DATA": "1"}, "purge")
    assert done.returncode == 0
    assert not (root / "var/lib/ringdesk").exists()


def test_every_shell_script_of_the_package_parses() -> None:
    for script in ("preinst", "postinst", "prerm", "postrm", "ringdesk", "ringdesk-setup"):
        done = subprocess.run(["sh", "-n", str(SCRIPTS / script)], capture_output=True, text=True)
        assert done.returncode == 0, (script, done.stderr)
    assert (SCRIPTS / "build.sh").stat().st_mode & 0o111
