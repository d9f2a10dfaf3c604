"""`ringdesk desk --serve`: the browser desk answers over TLS only, with its own certificate."""

from __future__ import annotations

import asyncio
import os
import re
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


async def _serve(data: Path, port: int, *more: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("ringdesk")),
        "desk",
        "--data",
        str(data),
        "--serve",
        "--serve-port",
        str(port),
        *more,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200"},
    )


async def _get_page(ctx: ssl.SSLContext, url: str) -> httpx.Response:
    async with httpx.AsyncClient(verify=ctx) as http:
        for _ in range(100):
            try:
                return await http.get(url)
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


async def test_serve_speaks_tls_and_hands_out_the_desk(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    port = _free_port()
    proc = await _serve(data, port)
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


async def test_served_page_loads_nothing_from_another_host(tmp_path: Path) -> None:
    """An offline LAN shows the desk whole: the page, its style sheet and its script name
    only this server; the terminal font and the call notification are served from here."""
    data = tmp_path / "desk"
    port = _free_port()
    proc = await _serve(data, port, "--host", "0.0.0.0", "--lang", "en")
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(30):
            first = (await proc.stdout.readline()).decode()
        assert first.startswith(f"https://0.0.0.0:{port}"), first
        ident = serve_identity(Keystore(data), "0.0.0.0")
        ctx = ssl.create_default_context(cadata=ident.cert_pem.decode())
        ctx.check_hostname = False  # the address a LAN PC uses is not in the certificate
        base = f"https://127.0.0.1:{port}"
        page = await _get_page(ctx, f"{base}/")
        assert page.status_code == 200
        # the socket goes to the address the browser used, not the 0.0.0.0 it listens on
        assert f'data-session-websocket-url="wss://127.0.0.1:{port}/ws"' in page.text
        links = re.findall(r'(?:src|href)="([^"]*)"', page.text)
        assert links and all(link.startswith("/") for link in links), links
        assert "//" not in re.sub(r'"wss://127\.0\.0\.1:\d+/ws"', "", page.text)
        async with httpx.AsyncClient(verify=ctx, base_url=base) as http:
            for link in links:
                got = await http.get(link)
                assert got.status_code == 200, link
                if link.endswith(".css"):  # (a licence's address in a comment is no load)
                    assert not re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", got.text)
                if link.endswith("ringdesk-alert.js"):
                    assert not re.search(r"(https?:)?//\w", got.text), link
            style = re.search(r"@font-face\s*{[^}]*url\(\"([^\"]+)\"\)", page.text)
            assert style is not None
            font = await http.get(style.group(1))
            assert font.status_code == 200 and len(font.content) > 10_000
        assert "ringdesk-alert.js" in page.text and "This desk session has ended" in page.text
    finally:
        proc.terminate()
        await proc.wait()


def test_browser_desk_pairs_under_the_name_its_user_gives(tmp_path: Path) -> None:
    import argparse

    from tui.serve import desk_command

    args = argparse.Namespace(box=None, lang=None, desk_name="受付 2")
    assert "--desk-name '受付 2'" in desk_command(Keystore(tmp_path / "d"), args)


async def test_only_this_servers_pages_open_desks_and_only_so_many(tmp_path: Path) -> None:
    """Another site's page cannot open a desk session (Origin), every answer carries a policy
    that keeps the page to this server and out of frames, /static/ is not listed, and the
    number of desk processes is capped."""
    import websockets

    data = tmp_path / "desk"
    port = _free_port()
    proc = await _serve(data, port, "--serve-sessions", "1")
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(30):
            await proc.stdout.readline()
        ident = serve_identity(Keystore(data), "127.0.0.1")
        ctx = ssl.create_default_context(cadata=ident.cert_pem.decode())
        base = f"https://127.0.0.1:{port}"
        page = await _get_page(ctx, f"{base}/")
        policy = page.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
        assert page.headers["X-Frame-Options"] == "DENY"
        async with httpx.AsyncClient(verify=ctx, base_url=base) as http:
            assert (await http.get("/static/")).status_code in (403, 404)
        ws_url = f"wss://127.0.0.1:{port}/ws?width=80&height=24"
        with pytest.raises(websockets.InvalidStatus) as refused:
            async with websockets.connect(ws_url, ssl=ctx, origin="https://evil.example"):  # type: ignore[arg-type]
                pass
        assert refused.value.response.status_code == 403
        async with websockets.connect(ws_url, ssl=ctx, origin=base) as first:  # type: ignore[arg-type]
            await asyncio.wait_for(first.recv(), 30)  # the desk process has started
            with pytest.raises(websockets.InvalidStatus) as full:
                async with websockets.connect(ws_url, ssl=ctx, origin=base):  # type: ignore[arg-type]
                    pass
            assert full.value.response.status_code == 503
    finally:
        proc.terminate()
        await proc.wait()
