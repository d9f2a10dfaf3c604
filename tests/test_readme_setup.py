"""The README's "Setting up a real box", replayed as written on a fresh directory: every command
of its block is run as it stands (only /var/lib/ringdesk becomes a temporary folder), the
desks are real `ringdesk desk` terminal UIs in tmux, typed into as a person would, finding the
box by zeroconf, pairing with the code as the box printed it and logging in."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.appliance.cli.terminal import at_terminal

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent
PASSWORD = "hamamatsu-unagi-1961"
SHOP = "浜松うなぎ 本店"
STEPS = ["ringdesk init", "$EDITOR", "ringdesk box", "ringdesk unlock", "ringdesk desk"]
STEPS.append("ringdesk pair")
PANE_WAIT_S = 60.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def readme_steps() -> list[str]:
    """The commands of the README's set-up block, comments and continuation lines taken off."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Setting up a real box") :]
    start = section.index("```sh\n") + 6
    block = section[start : section.index("\n```", start)]
    commands = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [c for c in commands if c and not c.startswith("#")]


def _pane(session: str) -> str:
    out = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    )
    return out.stdout


def _wait_for(session: str, pattern: str) -> str:
    deadline = time.monotonic() + PANE_WAIT_S
    while time.monotonic() < deadline:
        shown = _pane(session)
        if re.search(pattern, shown):
            return shown
        time.sleep(0.3)
    raise AssertionError(f"{pattern!r} never showed; the desk shows:\n{_pane(session)}")


def _keys(session: str, *keys: str, literal: bool = False) -> None:
    flag = ["-l"] if literal else []
    for key in keys:
        subprocess.run(["tmux", "send-keys", "-t", session, *flag, key], check=True)
        time.sleep(0.1)


class Replay:
    """The README's commands with /var/lib/ringdesk in a temporary folder."""

    def __init__(self, tmp: Path) -> None:
        self.tmp, self.data = tmp, tmp / "var-lib-ringdesk"
        self.env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
        self.env["EDITOR"] = str(self._editor())
        self.sessions: list[str] = []

    def argv(self, command: str) -> list[str]:
        """A README line as the argument list the shell would run."""
        return shlex.split(command.replace("/var/lib/ringdesk", str(self.data)))

    def _editor(self) -> Path:
        """What the owner does in ringdesk.toml: names the shop, picks a free port."""
        port = _free_port()
        script = self.tmp / "edit-toml"
        script.write_text(
            "#!/bin/sh\n"
            f"sed -i -e 's/^name = .*/name = \"{SHOP}\"/' "
            f"-e 's/^# port = 8443 .*/port = {port}/' \"$1\"\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
        return script

    def desk(self, name: str, command: str) -> str:
        """`ringdesk desk` in a tmux terminal of its own (its own home: another PC)."""
        home = self.tmp / f"home-{name}"
        home.mkdir()
        session = f"readme-{os.getpid()}-{name}"
        env = [f"HOME={home}", f"PATH={self.env['PATH']}", "LANG=C.UTF-8"]
        tmux = ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30"]
        subprocess.run([*tmux, "env", *env, *self.argv(command)], check=True)
        self.sessions.append(session)
        return session


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[Replay]:
    run = Replay(tmp_path)
    try:
        yield run
    finally:
        for session in run.sessions:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def _pair_and_log_in(replay: Replay, session: str, code: str, desk_name: str) -> None:
    shown = _wait_for(session, re.escape(SHOP))  # zeroconf found the box
    boxes = [line for line in shown.splitlines() if ":" in line and "▊ " in line]
    ours = next(i for i, line in enumerate(boxes) if SHOP in line)
    _keys(session, "BTab", "BTab", "BTab", "Home", *["Down"] * ours, "Enter")  # pick it
    _keys(session, code, literal=True)  # as the box printed it, space and all
    _keys(session, "Tab", "End", *["BSpace"] * 40)
    _keys(session, desk_name, literal=True)
    _keys(session, "Enter")
    _wait_for(session, "ユーザー名|[Uu]sername")
    _keys(session, "yamada", literal=True)
    _keys(session, "Tab")
    _keys(session, PASSWORD, literal=True)
    _keys(session, "Enter")
    _wait_for(session, "yamada")  # the status line: logged in


def test_the_readme_set_up_runs_as_written(replay: Replay) -> None:
    steps = readme_steps()
    assert [s for s in STEPS if not any(c.startswith(s) for c in steps)] == []
    init, edit, box_cmd, unlock, desk_cmd, pair = steps  # the README's order

    code, shown = at_terminal(
        replay.argv(init)[1:], [("password", PASSWORD), ("again", PASSWORD)], timeout_s=120
    )
    assert code == 0, shown
    recovery = re.search(r"never stored\):\s*\r?\n(\S[^\r\n]*)", shown)
    assert recovery, shown
    edit_here = edit.replace("/var/lib/ringdesk", str(replay.data))
    subprocess.run(["sh", "-c", edit_here], env=replay.env, check=True)

    box = subprocess.Popen(
        replay.argv(box_cmd), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=replay.env
    )
    try:
        said = []
        assert box.stdout is not None
        while not any("pairing code" in line for line in said):
            line = box.stdout.readline().decode()
            assert line, f"the box stopped: {said}"
            said.append(line)
        assert any("SIMULATED line" in line for line in said)  # said plainly: no line plugged in
        assert any("ringdesk unlock" in line for line in said)  # locked: says how to open it
        first_code = re.search(r"pairing code: (\d{4} \d{4})", said[-1])
        assert first_code, said

        code, shown = at_terminal(
            replay.argv(unlock)[1:], [("recovery code", recovery.group(1).strip())]
        )
        assert code == 0 and "unlocked" in shown, shown

        first = replay.desk("reception", desk_cmd)
        _pair_and_log_in(replay, first, first_code.group(1), "受付")

        done = subprocess.run(replay.argv(pair), capture_output=True, text=True, env=replay.env)
        assert done.returncode == 0, done.stdout + done.stderr
        second_code = re.search(r"pairing code: (\d{4} \d{4})", done.stdout)
        assert second_code, done.stdout
        second = replay.desk("kitchen", desk_cmd)
        _pair_and_log_in(replay, second, second_code.group(1), "厨房")
        assert box.poll() is None
    finally:
        box.terminate()
        box.wait(timeout=30)
