"""`ringdesk desk --serve`: the same desk in a browser (textual-serve), over TLS, login each time.

Each browser page logs in first (on a paired PC), then runs its own `ringdesk desk` process on
this desk's keystore, handed that login's session; no session token is ever remembered.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import ssl
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from appliance.contract.identity import Identity, fingerprint, make_identity
from tui.client.errors import ApiError, DeskError
from tui.client.keystore import Keystore, write_private
from tui.i18n import language, t
from tui.serve_login import COOKIE, SESSION_ENV, TICKET_S, Ticket, Tickets, box_login

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
    "base-uri 'none'; form-action 'self'"
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


class SessionApp(AppService):
    """A desk process handed the session its page logged in with (None: it asks itself)."""

    def __init__(self, ticket: Ticket | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ticket = ticket

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.pop(SESSION_ENV, None)
        if self.ticket is not None:
            environment[SESSION_ENV] = self.ticket.token
        return environment


class TlsServer(Server):
    """textual-serve's server, listening with TLS only, with the desk's own page: nothing
    loaded from another host (the terminal font is served from here), the socket on whatever
    address the browser used (a LAN address too), and a notification for a call. On a paired
    PC the user logs in first: no desk process starts for a page that has not."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        context: ssl.SSLContext,
        max_sessions: int = MAX_SESSIONS,
        keystore: Keystore | None = None,
    ) -> None:
        super().__init__(
            command, host=host, port=port, title="Ringdesk", public_url=f"https://{host}:{port}"
        )
        self.context = context
        self.max_sessions, self.sessions = max_sessions, 0
        self.keystore = keystore
        self.tickets = Tickets()
        pages = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE), autoescape=True)
        self.page = pages.get_template("desk.html")
        self.login_page = pages.get_template("login.html")

    def login_first(self) -> bool:
        """True once this PC is paired (before that, a desk can only pair: nothing to read)."""
        return self.keystore is not None and self.keystore.paired

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[guard_headers])
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.post("/login", self.handle_login),
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
        _same_site(request)
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="too many desk sessions open on this server")
        ticket = None
        if self.login_first():
            ticket = self.tickets.take(request.cookies.get(COOKIE))
            if ticket is None:
                raise web.HTTPForbidden(text="log in first")
        self.sessions += 1
        try:
            return await self._desk_session(request, ticket)
        finally:
            self.sessions -= 1

    async def _desk_session(
        self, request: web.Request, ticket: Ticket | None
    ) -> web.WebSocketResponse:
        """One desk process driven through this socket until either side ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        desk: SessionApp | None = None
        try:
            await websocket.prepare(request)
            desk = SessionApp(
                ticket,
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await desk.start(width, height)
            await self._process_messages(websocket, desk)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if desk is not None:
                await desk.stop()
        return websocket

    async def handle_login(self, request: web.Request) -> web.StreamResponse:
        """The login form: a good login gets the page a one-time ticket for its desk."""
        _same_site(request)
        if not self.login_first():
            raise web.HTTPSeeOther("/")
        form = await request.post()
        username = str(form.get("username", ""))[:64].strip()
        password = str(form.get("password", ""))[:1024]
        assert self.keystore is not None
        try:
            token, username = await box_login(self.keystore, username, password)
        except ApiError as exc:
            key = "serve.login_later" if exc.status == 429 else "serve.login_refused"
            return self._login_form(username, t(key), status=401)
        except DeskError:
            return self._login_form(username, t("serve.box_unreachable"), status=503)
        response = web.HTTPSeeOther("/")
        response.set_cookie(
            COOKIE,
            self.tickets.issue(token, username),
            max_age=int(TICKET_S),
            path="/",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        return response

    def _login_form(self, username: str = "", error: str = "", status: int = 200) -> web.Response:
        html = self.login_page.render(
            lang=language(),
            title=t("app.title"),
            error=error,
            username=username,
            username_label=t("login.user"),
            password_label=t("login.password"),
            submit=t("login.go"),
        )
        return web.Response(text=html, content_type="text/html", status=status)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: the terminal, its socket at the address the browser asked for (the login
        form until this page has logged in)."""
        if self.login_first() and not self.tickets.valid(request.cookies.get(COOKIE)):
            return self._login_form()
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


def _same_site(request: web.Request) -> None:
    """Refuse a request another site's page makes (the Origin must be this server's address)."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden(text="another site's page may not open a desk")


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
    TlsServer(command, host, args.serve_port, tls_context(keystore), limit, keystore).serve()
    return 0
