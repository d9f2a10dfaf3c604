"""The box's console socket: one JSON request a connection, answered only for the box's own
user or root (the kernel's peer credentials, whatever the file's mode), bad input refused."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from appliance.console_socket import SOCKET_NAME, ConsoleSocket, ask

NOBODY = 65534
CLIENT = """
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
try:
    s.sendall(b'{"op": "open_pairing"}\\n')
except BrokenPipeError:  # refused before the request was read
    pass
print(s.recv(4096).decode())
"""


@pytest.fixture
async def console() -> AsyncIterator[tuple[ConsoleSocket, list[str]]]:
    calls: list[str] = []

    async def open_pairing(_request: dict[str, Any]) -> dict[str, Any]:
        calls.append("open_pairing")
        return {"code": "26641672", "seconds": 300}

    folder = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="rd-console-"))
    await asyncio.to_thread(folder.chmod, 0o755)
    sock = ConsoleSocket(folder / SOCKET_NAME, {"open_pairing": open_pairing})
    await sock.start()
    try:
        yield sock, calls
    finally:
        await sock.stop()
        await asyncio.to_thread(folder.rmdir)


async def test_the_box_user_gets_an_answer(console: tuple[ConsoleSocket, list[str]]) -> None:
    sock, calls = console
    answer = await asyncio.to_thread(ask, sock.path.parent, "open_pairing")
    assert answer == {"code": "26641672", "seconds": 300} and calls == ["open_pairing"]
    assert (await asyncio.to_thread(sock.path.stat)).st_mode & 0o777 == 0o600


async def test_another_user_is_refused_even_through_an_open_file_mode(
    console: tuple[ConsoleSocket, list[str]],
) -> None:
    sock, calls = console
    await asyncio.to_thread(
        sock.path.chmod, 0o666
    )  # take the file mode away: the peer credentials still refuse
    proc = await asyncio.create_subprocess_exec(
        "/usr/bin/python3",
        "-c",
        CLIENT,
        str(sock.path),
        stdout=asyncio.subprocess.PIPE,
        user=NOBODY,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert json.loads(out) == {"error": "not_allowed"} and calls == []


@pytest.mark.parametrize(
    ("request_bytes", "error"),
    [
        (b"not json\n", "bad_request"),
        (b"[1, 2]\n", "bad_request"),
        (b'{"op": "erase_everything"}\n', "unknown_op"),
        (b'{"op": "' + b"x" * 5000 + b'"}\n', "bad_request"),
    ],
)
async def test_bad_requests_get_a_reason_and_run_nothing(
    console: tuple[ConsoleSocket, list[str]], request_bytes: bytes, error: str
) -> None:
    sock, calls = console
    reader, writer = await asyncio.open_unix_connection(sock.path)
    writer.write(request_bytes)
    await writer.drain()
    answer = json.loads(await asyncio.wait_for(reader.readline(), 10))
    writer.close()
    assert answer == {"error": error} and calls == []
