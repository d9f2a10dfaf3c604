"""`ringdesk desk --serve`: the browser desk answers over TLS only, with its own certificate."""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import sys
from pathlib import Path

import httpx
import pytest

from tui.client.keystore import Keystore
from tui.serve import serve_identity


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_serve_speaks_tls_and_hands_out_the_desk(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    port = _free_port()
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("ringdesk")),
        "desk",
        "--data",
        str(data),
        "--serve",
        "--serve-port",
        str(port),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(30):
            first = (await proc.stdout.readline()).decode()
        assert first.startswith(f"https://127.0.0.1:{port}") and "SHA-256" in first
        ident = serve_identity(Keystore(data), "127.0.0.1")
        assert ident.fingerprint in first
        ctx = ssl.create_default_context(cadata=ident.cert_pem.decode())
        page = None
        async with httpx.AsyncClient(verify=ctx) as http:
            for _ in range(100):
                try:
                    page = await http.get(f"https://127.0.0.1:{port}/")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
        assert page is not None and page.status_code == 200
        assert f"wss://127.0.0.1:{port}/ws" in page.text  # the terminal goes over TLS too
        with pytest.raises(httpx.HTTPError):
            async with httpx.AsyncClient() as plain:
                await plain.get(f"http://127.0.0.1:{port}/")
        assert (data / "serve-key.pem").stat().st_mode & 0o777 == 0o600
    finally:
        proc.terminate()
        await proc.wait()


def test_each_browser_session_logs_in_itself(tmp_path: Path) -> None:
    import argparse

    from tui.serve import desk_command

    cmd = desk_command(Keystore(tmp_path / "d"), argparse.Namespace(box="127.0.0.1:9", lang="en"))
    assert "--no-remember" in cmd and "--box 127.0.0.1:9" in cmd and "--lang en" in cmd
