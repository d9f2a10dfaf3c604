"""The browser desk on a paired PC (a real `ringdesk desk --serve` process and a real box over
TLS): the page logs in first; no desk process starts without a good login, a ticket opens one
desk once, and that desk is logged in with the page's session."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.tui.conftest import PASSWORD, Box
from tests.tui.test_serve import _free_port, _get_page, _serve
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.i18n import set_language, t
from tui.serve import serve_identity
from tui.serve_login import COOKIE


def _children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


async def _refused(url: str, ctx: ssl.SSLContext, cookie: str | None = None) -> int:
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else None
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, ssl=ctx, additional_headers=headers):
            pass
    return int(refused.value.response.status_code)


async def test_a_browser_page_logs_in_before_any_desk_process_starts(
    box: Box, keystore: Keystore
) -> None:
    await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")
    port = _free_port()
    proc = await _serve(keystore.root, port, "--lang", "ja")
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(30):
            await proc.stdout.readline()
        ident = serve_identity(keystore, "127.0.0.1")
        ctx = ssl.create_default_context(cadata=ident.cert_pem.decode())
        base, ws_url = f"https://127.0.0.1:{port}", f"wss://127.0.0.1:{port}/ws"
        page = await _get_page(ctx, f"{base}/")
        assert page.status_code == 200 and 'name="password"' in page.text
        assert "data-session-websocket-url" not in page.text  # no desk before a login
        assert await _refused(ws_url, ctx) == 403
        assert await _refused(ws_url, ctx, "made-up-ticket") == 403
        async with httpx.AsyncClient(verify=ctx, base_url=base) as http:
            wrong = await http.post("/login", data={"username": "tanaka", "password": "nope"})
            set_language("ja")
            assert wrong.status_code == 401 and t("serve.login_refused") in wrong.text
            assert COOKIE not in wrong.cookies
            foreign = await http.post(
                "/login",
                data={"username": "tanaka", "password": PASSWORD},
                headers={"Origin": "https://evil.example"},
            )
            assert foreign.status_code == 403 and COOKIE not in foreign.cookies
            assert _children(proc.pid) == []  # nothing started for any of that
            good = await http.post("/login", data={"username": "tanaka", "password": PASSWORD})
            assert good.status_code == 303 and good.headers["location"] == "/"
            ticket = good.cookies[COOKIE]
            assert "httponly" in good.headers["set-cookie"].lower()
            desk_page = await http.get("/")  # the client keeps the ticket cookie
            assert f'data-session-websocket-url="{ws_url}"' in desk_page.text
        headers = {"Cookie": f"{COOKIE}={ticket}"}
        seen = b""
        async with connect(ws_url, ssl=ctx, additional_headers=headers, max_size=None) as ws:
            async with asyncio.timeout(60):  # the desk process starts, logged in: home screen
                while "最近の通話".encode() not in seen:
                    got = await ws.recv()
                    seen += got if isinstance(got, bytes) else got.encode()
            assert "ログイン".encode() not in seen  # it never asked for a password
            assert len(_children(proc.pid)) == 1
            assert await _refused(ws_url, ctx, ticket) == 403  # a ticket opens one desk only
    finally:
        proc.terminate()
        await proc.wait()
