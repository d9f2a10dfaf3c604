"""Run a `ringdesk` command at a real terminal (a pty it has as its controlling terminal), typing
answers when it prompts, as a person at the box's console would."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def at_terminal(
    args: list[str], answers: list[tuple[str, str]], timeout_s: float = 60.0
) -> tuple[int, str]:
    """Run `ringdesk ARGS`; each (prompt, answer) is typed when prompt appears, in order.
    Returns the exit code and everything the terminal showed."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [RINGDESK, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=_take_terminal,
        close_fds=True,
    )
    os.close(slave)
    shown, pending, seen_upto = b"", list(answers), 0
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the command ended and closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            text = shown.decode("utf-8", "replace")
            found = text.find(pending[0][0], seen_upto) if pending else -1
            if found >= 0:
                prompt, answer = pending.pop(0)
                seen_upto = found + len(prompt)
                os.write(master, answer.encode() + b"\n")
            if proc.poll() is not None and not ready:
                break
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, shown.decode("utf-8", "replace")
