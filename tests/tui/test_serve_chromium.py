"""The browser desk in headless Chromium (skipped where Chromium is not installed): the page
asks no other host for anything, the terminal draws, and a call's notify sequence in the
terminal's output (split across two socket messages) becomes a notification and a beep in a
background tab."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.tui.test_serve import _free_port, _serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian: chromium)")

DREW = "document.body.classList.contains('-first-byte')"  # the terminal's first bytes drawn

# in the page: a socket the page's own script watches gets a notify sequence in two halves
SIMULATED_CALL = """(() => {
  const made = [];
  window.Notification = class {
    constructor(title, options) { made.push([title, options.body]); }
    static get permission() { return "granted"; }
  };
  Object.defineProperty(document, "hidden", { get: () => true });
  const socket = new WebSocket(`wss://${location.host}/nowhere`);
  const bytes = new TextEncoder().encode(
    "\\x1b[2Jframe\\x1b]777;notify;Ringdesk — 着信;回線 1  03-3555-1234  佐藤 花子\\x07rest");
  const half = bytes.length - 20;
  for (const part of [bytes.slice(0, half), bytes.slice(half)]) {
    socket.dispatchEvent(new MessageEvent("message", { data: part.buffer }));
  }
  return JSON.stringify({ alerts: window.ringdeskAlerts || [], made });
})()"""


class Tab:
    """One page of a headless Chromium, driven over the DevTools protocol."""

    def __init__(self, ws: ClientConnection, session: str) -> None:
        self.ws, self.session = ws, session
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A command; its result (events meanwhile are kept)."""
        n = next(self.ids)
        await self.ws.send(
            json.dumps({"id": n, "method": method, "params": params, "sessionId": self.session})
        )
        while True:
            msg = json.loads(await self.ws.recv())
            if msg.get("id") == n:
                assert "error" not in msg, msg
                return dict(msg.get("result", {}))
            self.events.append(msg)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        out = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return out["result"].get("value")


@contextlib.asynccontextmanager
async def chromium_tab() -> AsyncIterator[Tab]:
    """Headless Chromium (no network of its own, certificate errors allowed: the desk's
    certificate is its own) with one blank tab."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        proc = await asyncio.create_subprocess_exec(
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--ignore-certificate-errors",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
            stderr=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
        )
        try:
            assert proc.stderr is not None
            async with asyncio.timeout(60):
                while b"DevTools listening on" not in (line := await proc.stderr.readline()):
                    assert line, "Chromium did not start"
            url = line.decode().split("listening on ", 1)[1].strip()
            async with connect(url, max_size=None) as ws:
                target = await _browser_call(ws, "Target.createTarget", url="about:blank")
                attached = await _browser_call(
                    ws, "Target.attachToTarget", targetId=target["targetId"], flatten=True
                )
                yield Tab(ws, attached["sessionId"])
        finally:
            proc.terminate()
            await proc.wait()


async def _browser_call(ws: ClientConnection, method: str, **params: Any) -> dict[str, Any]:
    await ws.send(json.dumps({"id": 0, "method": method, "params": params}))
    while True:
        msg = json.loads(await ws.recv())
        if msg.get("id") == 0:
            return dict(msg["result"])


async def test_browser_desk_in_chromium(tmp_path: Path) -> None:
    port = _free_port()
    proc = await _serve(tmp_path / "desk", port, "--lang", "en")
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(30):
            await proc.stdout.readline()
        async with chromium_tab() as tab:
            await tab.send("Network.enable")
            await tab.send("Page.enable")
            await tab.send("Page.navigate", url=f"https://127.0.0.1:{port}/")
            async with asyncio.timeout(90):  # a desk process starts for this page
                while not await tab.evaluate(DREW):  # noqa: ASYNC110 (state in the browser)
                    await asyncio.sleep(0.5)
            asked = [
                e["params"]["request"]["url"]
                for e in tab.events
                if e.get("method") == "Network.requestWillBeSent"
            ]
            assert asked and all(urlsplit(u).hostname == "127.0.0.1" for u in asked), asked
            assert any(u.endswith(".ttf") for u in asked), asked  # the font, from here
            got = json.loads(await tab.evaluate(SIMULATED_CALL))
            call = ["Ringdesk — 着信", "回線 1  03-3555-1234  佐藤 花子"]
            assert got == {"alerts": [call], "made": [call]}, got
            assert (await tab.evaluate("document.title")).startswith("☎ ")
    finally:
        proc.terminate()
        await proc.wait()
