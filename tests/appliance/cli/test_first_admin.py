"""A new box's first admin, as the README's set-up makes it: `ringdesk init --admin` asks for
the password at the terminal; on a box with no key file, later commands ask for the printed
recovery code instead of stopping at "locked"."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests.appliance.cli.terminal import at_terminal

PASSWORD = "kamakura-daibutsu-3"
FAST_ARGON = ["--argon-time", "1", "--argon-memory-kib", "8192"]


def _init(data: Path) -> str:
    code, shown = at_terminal(
        ["init", "--data", str(data), "--admin", "yamada", *FAST_ARGON],
        [("password", PASSWORD), ("again", PASSWORD)],
    )
    assert code == 0, shown
    assert "admin added: yamada" in shown
    toml = (data / "ringdesk.toml").read_text(encoding="utf-8")  # to edit before the first start
    assert tomllib.loads(toml)["backup"]["enabled"] is True
    assert "configuration:" in shown and ("SIMULATED" in shown) == ("SIMULATED" in toml)
    found = re.search(r"never stored\):\s*\r?\n(\S[^\r\n]*)", shown)
    assert found, shown
    return found.group(1).strip()


def test_init_makes_the_first_admin_and_the_recovery_code_opens_the_box(tmp_path: Path) -> None:
    data = tmp_path / "box"
    recovery = _init(data)
    code, shown = at_terminal(["user", "list", "--data", str(data)], [("recovery code", recovery)])
    assert code == 0, shown
    assert re.search(r"yamada\s+admin", shown), shown
    code, shown = at_terminal(
        ["user", "add", "sato", "--role", "operator", "--data", str(data)],
        [("password", PASSWORD), ("again", PASSWORD), ("recovery code", recovery)],
    )
    assert code == 0, shown
    assert "added: sato (operator)" in shown


def test_a_wrong_recovery_code_is_refused_clearly(tmp_path: Path) -> None:
    data = tmp_path / "box"
    _init(data)
    code, shown = at_terminal(
        ["user", "list", "--data", str(data)], [("recovery code", "0000-0000-0000")]
    )
    assert code != 0
    assert "Traceback" not in shown and "yamada" not in shown


def test_init_refuses_a_weak_admin_password_before_making_anything(tmp_path: Path) -> None:
    data = tmp_path / "box"
    code, shown = at_terminal(
        ["init", "--data", str(data), "--admin", "yamada", *FAST_ARGON],
        [("password", "password"), ("again", "password")],
    )
    assert code != 0, shown
    assert not (data / "vault.json").exists() and not any(data.glob("*.db"))
