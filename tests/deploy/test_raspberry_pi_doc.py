"""docs/raspberry-pi.md works as written: every `ringdesk` command it gives parses, every
ringdesk.toml snippet loads and builds its lines, and the backup and moving-to-a-new-box
commands are replayed on a real box (the box's paths swapped for temporary ones, `sudo` left
out): backup now, list and verify to a "stick", then restore on a "new box" with the
recovery code typed at a real terminal. The README links to the page."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from appliance.cli import build_parser
from appliance.config import load_config
from appliance.lines import make_line_driver
from tests.appliance.cli.terminal import RINGDESK, at_terminal

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "raspberry-pi.md"
PASSWORD = "kamakura-daibutsu-3"
FAST_ARGON = ["--argon-time", "1", "--argon-memory-kib", "8192"]


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def _commands() -> list[list[str]]:
    """Each shell line of the page as argv, `sudo` and `sudo env VAR=...` taken off."""
    out = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            argv = shlex.split(line, comments=True)
            while argv and (argv[0] in ("sudo", "env") or "=" in argv[0]):
                argv = argv[1:]
            if argv:
                out.append(argv)
    return out


def test_every_ringdesk_command_on_the_page_parses() -> None:
    ringdesk = [argv[1:] for argv in _commands() if argv[0] == "ringdesk"]
    assert len(ringdesk) >= 5
    for argv in ringdesk:
        try:
            build_parser(argv[0]).parse_args(argv)
        except SystemExit:
            pytest.fail(f"`ringdesk {shlex.join(argv)}` does not parse")


def test_every_other_command_is_a_program_the_install_provides() -> None:
    known = {
        "./dev", "apt", "systemctl", "journalctl", "ringdesk-setup", "mkdir", "printf",
        "tee", "mkfs.ext4", "echo", "mount", "chown",
    }  # fmt: skip
    for argv in _commands():
        if argv[0] != "ringdesk":
            assert argv[0] in known, argv
    assert (ROOT / "dev").read_text().count("check-aarch64)") == 1
    assert "package)" in (ROOT / "dev").read_text()


def test_every_toml_snippet_loads_and_builds_its_lines(tmp_path: Path) -> None:
    snippets = _blocks("toml")
    assert snippets
    for n, snippet in enumerate(snippets):
        data = tmp_path / str(n)
        data.mkdir()
        (data / "ringdesk.toml").write_text('region = "JP"\n' + snippet, encoding="utf-8")
        config = load_config(data)
        for line in config.lines:
            assert make_line_driver(line, config.region) is not None


def _run(argv: list[str], data: Path, stick: Path) -> tuple[int, str]:
    swapped = [
        a.replace("/var/lib/ringdesk", str(data)).replace("/media/ringdesk-backup", str(stick))
        for a in argv
    ]
    done = subprocess.run([RINGDESK, *swapped[1:]], capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_backups_and_the_move_to_a_new_box_replayed(tmp_path: Path) -> None:
    data, stick, new = tmp_path / "box", tmp_path / "stick", tmp_path / "new"
    stick.mkdir()
    code, shown = at_terminal(
        ["init", "--data", str(data), "--admin", "yamada", "--key-file", str(tmp_path / "usb.key"),
         *FAST_ARGON],
        [("password", PASSWORD), ("again", PASSWORD)],
    )  # fmt: skip
    assert code == 0, shown
    recovery = re.search(r"never stored\):\s*\r?\n(\S[^\r\n]*)", shown)
    assert recovery, shown
    backup = [a for a in _commands() if a[:2] == ["ringdesk", "backup"]]
    assert [a[2] for a in backup] == ["now", "list", "verify"]
    for argv in backup:
        code, out = _run(argv, data, stick)
        assert code == 0, (argv, out)
    restore = next(a for a in _commands() if a[:2] == ["ringdesk", "restore"])
    new.mkdir(mode=0o700)  # the package makes the new box's empty data directory
    args = [a.replace("/media/ringdesk-backup", str(stick)) for a in restore[1:]]
    args = [a.replace("/var/lib/ringdesk", str(new)) for a in args]
    code, shown = at_terminal(args, [("recovery code", recovery.group(1).strip())], 300)
    assert code == 0, shown
    assert (new / "vault.slots").exists()
    code, shown = at_terminal(["user", "list", "--data", str(new)], [("recovery code", "")], 120)
    assert "yamada" in shown or "recovery code" in shown


def test_the_readme_links_the_page() -> None:
    assert "docs/raspberry-pi.md" in (ROOT / "README.md").read_text(encoding="utf-8")
