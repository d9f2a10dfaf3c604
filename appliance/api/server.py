"""The box's API app (FastAPI) and its TLS 1.3 uvicorn server; unpaired peers reach pairing only."""

from __future__ import annotations

import asyncio
import contextlib

import uvicorn
from fastapi import FastAPI, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from appliance.api import errors, routes
from appliance.api.body_limit import BodyLimit
from appliance.api.event_stream import EventStream, FrameCache
from appliance.api.limits import ConnLimits, Door, Doorman, HostGate, guarded_h11
from appliance.api.peers import PeerWebSocket, fingerprint_of
from appliance.api.session_watch import bearer_token, has_session, watch_session
from appliance.api.state import ApiState, StreamAccess
from appliance.api.tls import pin_desk, server_context
from appliance.contract import (
    LoginIn,
    LoginOut,
    PairFinishIn,
    PairFinishOut,
    PairStartIn,
    PairStartOut,
    Problem,
)
from appliance.contract.identity import fingerprint
from appliance.core.access import desks, sessions
from appliance.core.access.desk_logins import TOO_MANY
from appliance.core.access.pairing import PairingError, seal
from appliance.core.access.passwords import off_db
from appliance.core.access.sessions import LoginRefusedError
from appliance.core.clock import utcnow
from appliance.core.events import ResumeGapError
from appliance.core.text import clean
from appliance.pairing_ledger import load_failures, save_failures
from appliance.vault.errors import DeskRefusedError, VaultError

BEHIND_CODE = 4408  # an event stream that fell behind; the desk reconnects with since=
OPEN_PATHS = frozenset({"/pair/start", "/pair/finish", "/openapi.json"})
NOT_PAIRED = "このデスクはペアリングされていません / this desk is not paired"


async def load_pinned(state: ApiState) -> None:
    """At start or unlock: pinned desks from the Desk rows (and rows for desks paired locked)."""
    if state.store is None:
        return
    run = state.store.executor.run
    for fp, (name, cert) in list(state.desks.unsaved.items()):
        state.desks.pinned[fp] = await run(desks.register_desk, name, fp, cert)
        del state.desks.unsaved[fp]
    for desk in await run(desks.pinned_desks):
        if desk.fingerprint not in state.desks.pinned or state.desks.pinned[desk.fingerprint] < 0:
            state.desks.pinned[desk.fingerprint] = desk.desk_id
        if desk.cert_pem not in state.desks.pems:
            state.desks.pems.append(desk.cert_pem)
            for pin in state.desks.on_pin:
                pin(desk.cert_pem)


class PinnedOnly:
    """ASGI middleware: a peer without a pinned certificate reaches only OPEN_PATHS."""

    def __init__(self, app: ASGIApp, state: ApiState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse (403 / WebSocket close 4403) before any route sees the request."""
        if scope["type"] in ("http", "websocket") and scope["path"] not in OPEN_PATHS:
            fp = fingerprint_of(scope)
            if fp is None or fp not in self.state.desks.pinned:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 4403})
                    return
                body = JSONResponse(
                    {"detail": "このデスクはペアリングされていません / desk not paired"}, 403
                )
                await body(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(state: ApiState) -> FastAPI:
    """The API app; the same factory serves tests and the box."""
    # no /docs or /redoc: their pages load scripts from a CDN, and the box works offline
    app = FastAPI(title="Ringdesk box API", version="0.1", docs_url=None, redoc_url=None)
    errors.install(app)
    routes.include(app, state)
    pairing = state.pairing
    frames = FrameCache(state.hub)

    @app.post("/pair/start", responses={409: {"model": Problem}})
    async def pair_start(body: PairStartIn) -> PairStartOut:
        desk_fp = fingerprint(body.desk_cert_pem.encode())
        name = clean(body.desk_name)  # the slot is named as the Desk row is: revoke finds it
        taken = state.hooks.desk_name_taken
        # only while pairing is open (no probing names otherwise), read off the event loop;
        # refused before the code is spent: the desk can retry under another name
        if pairing.is_open and taken is not None and await asyncio.to_thread(taken, name):
            raise HTTPException(409, str(DeskRefusedError.name_taken(name)))
        try:
            attempt, box_msg = pairing.start(desk_fp, bytes.fromhex(body.spake_msg))
        except (PairingError, ValueError) as exc:
            raise HTTPException(409, str(exc)) from exc
        state.desks.pending[attempt] = (name, body.desk_cert_pem.encode())
        for stale in [a for a in state.desks.pending if not pairing.knows(a)]:
            del state.desks.pending[stale]  # bounded like the pairing's own attempts
        return PairStartOut(attempt=attempt, spake_msg=box_msg.hex())

    @app.post("/pair/finish", responses={409: {"model": Problem}})
    async def pair_finish(body: PairFinishIn) -> PairFinishOut:
        name, cert = state.desks.pending.pop(body.attempt, ("", b""))
        try:
            if not name:
                raise PairingError("unknown attempt / 不明な試行です")
            proof = pairing.check(body.attempt, bytes.fromhex(body.mac))
        except (PairingError, ValueError) as exc:
            if state.pairing_ledger is not None:
                await asyncio.to_thread(save_failures, state.pairing_ledger, list(pairing.failures))
            raise HTTPException(409, str(exc)) from exc
        try:
            secret = await state.hooks.issue_secret(name)
        except VaultError as exc:  # locked, or the name was taken meanwhile
            raise HTTPException(409, str(exc)) from exc
        if state.store is not None:
            desk_id = await state.store.executor.run(desks.register_desk, name, proof.desk_fp, cert)
        else:  # locked: kept in memory, written as a Desk row by load_pinned() at unlock
            desk_id = -(len(state.desks.unsaved) + 1)
            state.desks.unsaved[proof.desk_fp] = (name, cert)
        state.desks.pin(proof.desk_fp, desk_id, cert)
        mac, sealed = seal(proof, secret)
        return PairFinishOut(mac=mac.hex(), sealed_secret=sealed.hex(), desk_id=desk_id)

    @app.post(
        "/login",
        responses={401: {"model": Problem}, 429: {"model": Problem}, 503: {"model": Problem}},
    )
    async def login(body: LoginIn, request: Request) -> LoginOut:
        if state.store is None:
            raise HTTPException(503, "箱はロック中です / the box is locked")
        fp = fingerprint_of(request) or ""
        desk_id = state.desks.pinned.get(fp)
        if not state.desk_logins.allowed(fp):
            raise HTTPException(429, TOO_MANY)
        run = state.store.executor.run
        try:
            attempt = await run(sessions.begin_login, body.username, utcnow())
            verdict = await off_db(sessions.check_password, attempt, body.password)
            answer: LoginOut = await run(
                desks.logged_in_at_desk, attempt, verdict, utcnow(), desk_id, state.sessions
            )
        except LoginRefusedError as exc:
            state.desk_logins.failed(fp)
            raise HTTPException(401, str(exc)) from exc
        state.desk_logins.succeeded(fp)
        return answer

    @app.get("/me")
    async def me(request: Request) -> dict[str, str | int | None]:
        fp = fingerprint_of(request)
        return {"desk_id": state.desks.pinned.get(fp or ""), "fingerprint": fp}

    @app.websocket("/events")
    async def events(ws: WebSocket, since: int | None = None) -> None:
        await ws.accept()
        try:
            backlog, queue = state.hub.subscribe(since)
        except ResumeGapError as exc:
            await ws.send_json(
                {"seq": state.hub.last_seq, "kind": "resync", "data": {"why": str(exc)}}
            )
            backlog, queue = state.hub.subscribe(None)
        fp = fingerprint_of(ws) or ""
        access = StreamAccess(bearer_token(ws.headers.get("authorization")))
        access.session = await has_session(state, access.token, fp)
        state.streams.add(fp, queue, access)
        gone: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        watch = asyncio.ensure_future(watch_session(state, access, fp))
        stream = EventStream(ws, state.hub, frames)
        try:
            if backlog:
                await stream.send(backlog, public=not access.session)
            gone = asyncio.ensure_future(ws.receive())  # completes when the desk goes away
            # the desk leaving wakes the sender with None: no task or wait() per event and desk
            gone.add_done_callback(lambda _: queue.put_nowait(None))
            while (nxt := await queue.get()) is not None:
                batch, ended = [nxt], False
                while not queue.empty():  # what queued meanwhile goes in the same write
                    more = queue.get_nowait()
                    if more is None:  # the desk left or was revoked
                        ended = True
                        break
                    batch.append(more)
                await stream.send(batch, public=not access.session)
                if ended:
                    break
            if queue in state.hub.behind:  # it fell too far behind: resume with since=
                await ws.close(BEHIND_CODE, "behind: reconnect with since")
            elif not gone.done():  # woken by close_streams: the desk was revoked
                await ws.close(4403, "revoked")
        except (WebSocketDisconnect, ConnectionError):
            pass
        finally:
            gone.cancel()
            watch.cancel()
            state.hub.unsubscribe(queue)
            state.streams.discard(fp, queue)

    return app


class BoxServer:
    """uvicorn behind the box's own TLS 1.3 listener (pinning context, connection limits);
    start()/stop() inside the box's loop."""

    def __init__(
        self,
        state: ApiState,
        host: str = "127.0.0.1",
        port: int = 0,
        limits: ConnLimits | None = None,
    ) -> None:
        self.state = state
        self.limits = limits or ConnLimits()
        self.ssl = server_context(state.box, state.desks.pems)
        state.desks.on_pin.append(lambda pem: pin_desk(self.ssl, pem))
        app = BodyLimit(PinnedOnly(create_app(state), state))
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            http=guarded_h11(self.limits),
            ws=PeerWebSocket,
            log_level="warning",
            lifespan="off",
            log_config=None,  # uvicorn's lines go to the box's handlers (and their rate limit)
            # identity is the TLS peer certificate: no header may stand in for the connection
            proxy_headers=False,
            server_header=False,
            # a pop goes to every desk: per-desk deflate cost more CPU than the LAN bytes it saves
            ws_per_message_deflate=False,
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None
        self.port = port
        self.door = Door(
            self.ssl,
            self.limits,
            state.desks.pinned.__contains__,
            self._http,
            HostGate(self.limits.unauthenticated_per_host, self.limits.queued_per_host),
            set(),
        )

    def _http(self) -> asyncio.Protocol:
        config, server = self._server.config, self._server
        protocol: asyncio.Protocol = config.http_protocol_class(  # type: ignore[call-arg]
            config=config, server_state=server.server_state, app_state=server.lifespan.state
        )
        return protocol

    async def start(self) -> None:
        """Listen; returns once the socket is bound.

        uvicorn runs without sockets of its own (its tick, shutdown and protocols); the box
        accepts, so that TLS starts only under the host cap and with a handshake deadline."""
        import socket

        ledger = self.state.pairing_ledger
        if ledger is not None:
            self.state.pairing.restore_failures(await asyncio.to_thread(load_failures, ledger))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._server.config.host, self._server.config.port))
        self.port = sock.getsockname()[1]
        self._task = asyncio.create_task(self._server.serve(sockets=[]))
        while not self._server.started:  # noqa: ASYNC110 (uvicorn offers no start event)
            await asyncio.sleep(0.01)
        loop = asyncio.get_running_loop()
        listener = await loop.create_server(lambda: Doorman(self.door), sock=sock, backlog=2048)
        self._server.servers.append(listener)  # uvicorn's shutdown closes it

    async def stop(self) -> None:
        """Shut down and wait."""
        self._server.should_exit = True
        self._server.force_exit = True  # do not wait for desks to hang up their WebSockets
        for task in list(self.door.tasks):  # handshakes under way
            task.cancel()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, 5)
