"""sd_notify over a real AF_UNIX datagram socket: path and abstract addresses, no socket, a
socket nobody listens on, and the watchdog interval systemd asks for."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from appliance.sdnotify import notify, watchdog_interval


def _listener(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.settimeout(5)
    return sock


def test_notify_sends_one_datagram_to_a_path_socket(tmp_path: Path) -> None:
    path = str(tmp_path / "notify")
    with _listener(path) as sock:
        assert notify("READY=1\nSTATUS=serving", {"NOTIFY_SOCKET": path})
        assert sock.recv(4096) == b"READY=1\nSTATUS=serving"


def test_notify_reaches_an_abstract_socket() -> None:
    name = f"ringdesk-test-{uuid.uuid4().hex}"
    with _listener("\0" + name) as sock:
        assert notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_without_a_socket_nothing_is_sent_and_a_dead_one_is_no_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert not notify("READY=1", {})
    assert not notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "nobody")})
    assert "systemd notification not sent" in caplog.text


def test_watchdog_interval_is_half_of_watchdog_usec_for_this_process_only() -> None:
    me = str(os.getpid())
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": me}) == 15.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None
    assert watchdog_interval({"WATCHDOG_USEC": "0"}) is None
    assert watchdog_interval({}) is None
