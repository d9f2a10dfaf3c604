"""`ringdesk desk --serve`: the same desk in a browser (textual-serve), over TLS, login each time.

Each browser session runs its own `ringdesk desk` process on this desk's keystore, which never
remembers a session token, so every browser user logs in.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import ssl
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import web
from textual_serve.server import Server

from appliance.contract.identity import Identity, fingerprint, make_identity
from tui.client.keystore import Keystore, write_private
from tui.i18n import language, t

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def serve_identity(keystore: Keystore, host: str) -> Identity:
    """The certificate browsers see (made once, kept beside the keystore, key 0600)."""
    cert, key = keystore.root / "serve-cert.pem", keystore.root / "serve-key.pem"
    if cert.exists() and key.exists():
        return Identity(cert.read_bytes(), key.read_bytes())
    keystore.ensure_dir()
    ident = make_identity("ringdesk-desk", server_names=sorted({host, "localhost", "127.0.0.1"}))
    write_private(key, ident.key_pem)
    write_private(cert, ident.cert_pem)
    return ident


def tls_context(keystore: Keystore) -> ssl.SSLContext:
    """TLS 1.2+ server context with the serve certificate (browsers still speak 1.2)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(keystore.root / "serve-cert.pem", keystore.root / "serve-key.pem")
    return ctx


PAGE = Path(__file__).parent / "serve_page"
MAX_SESSIONS = 4  # desk processes at once (~80 MB each); more browsers are told to wait
# the page is this server's alone: its own scripts, styles, fonts and socket; never framed
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)


@web.middleware
async def guard_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every answer says: this server's content only, never in a frame, no referrer."""
    response = await handler(request)
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


class TlsServer(Server):
    """textual-serve's server, listening with TLS only, with the desk's own page: nothing
    loaded from another host (the terminal font is served from here), the socket on whatever
    address the browser used (a LAN address too), and a notification for a call."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        context: ssl.SSLContext,
        max_sessions: int = MAX_SESSIONS,
    ) -> None:
        super().__init__(
            command, host=host, port=port, title="Ringdesk", public_url=f"https://{host}:{port}"
        )
        self.context = context
        self.max_sessions, self.sessions = max_sessions, 0
        self.page = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGE), autoescape=True
        ).get_template("desk.html")

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[guard_headers])
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.get("/download/{key}", self.handle_download),
                web.get("/ringdesk/ringdesk-alert.js", self.handle_alert_script),
                web.static("/static", self.statics_path, show_index=False),  # no listing
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A desk session for a page of this server only (the Origin must be the address the
        browser used here), at most max_sessions at once (each is a desk process)."""
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text="another site's page may not open a desk")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="too many desk sessions open on this server")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: the terminal, its socket at the address the browser asked for."""
        font_size = request.query.get("fontsize", "16")
        html = self.page.render(
            lang=language(),
            title=t("app.title"),
            ended=t("serve.ended"),
            again=t("serve.again"),
            static="/static/",
            websocket_url=f"wss://{request.host}/ws",
            font_size=int(font_size) if font_size.isdigit() else 16,
        )
        return web.Response(text=html, content_type="text/html")

    async def handle_alert_script(self, _request: web.Request) -> web.FileResponse:
        """The page's call notification (ringdesk-alert.js)."""
        return web.FileResponse(PAGE / "ringdesk-alert.js")

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl-C."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            ssl_context=self.context,
            loop=loop,
            print=lambda *_a: None,
        )


def desk_command(keystore: Keystore, args: argparse.Namespace) -> str:
    """The command each browser session runs."""
    parts = [
        str(Path(sys.executable).with_name("ringdesk")),
        "desk",
        "--data",
        str(keystore.root),
        "--no-remember",
    ]
    if args.box:
        parts += ["--box", args.box]
    if args.lang:
        parts += ["--lang", args.lang]
    if getattr(args, "desk_name", None):
        parts += ["--desk-name", args.desk_name]
    return shlex.join(parts)


def serve(keystore: Keystore, args: argparse.Namespace) -> int:
    """Serve browsers until Ctrl-C."""
    host = args.serve_host
    ident = serve_identity(keystore, host)
    print(
        f"https://{host}:{args.serve_port}  certificate SHA-256 {fingerprint(ident.cert_pem)}",
        flush=True,
    )
    command = desk_command(keystore, args)
    limit = int(args.serve_sessions)
    TlsServer(command, host, args.serve_port, tls_context(keystore), limit).serve()
    return 0
