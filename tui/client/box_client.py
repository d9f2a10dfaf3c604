"""The desk's API client: httpx over TLS 1.3 with the desk certificate and the pinned box."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Protocol, Self, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter

from appliance.contract import Event, LoginIn, LoginOut, ReplicaSecretOut
from appliance.contract.tls import client_context
from tui.client.errors import (
    ApiError,
    BoxUnreachableError,
    DeskError,
    NotLoggedInError,
    StaleEditError,
)
from tui.client.event_socket import EventStream, LinkState
from tui.client.keystore import Keystore, PinnedBox

T = TypeVar("T")
TIMEOUT_S = 10.0


class ReplicaKeyring(Protocol):
    """What the client asks of the desk replica's keys (tui.replica.keys.ReplicaKeys)."""

    def at_password_login(
        self, username: str, password: str, escrow: bytes | None
    ) -> tuple[bytes | None, str]:
        """The replica key a password login opens and a note for the user; never raises."""
        ...

    def from_escrow(self, secret: bytes) -> bytes | None:
        """The replica key the box's escrow secret for this desk opens, if any."""
        ...

    def legacy_key(self) -> bytes | None:
        """The plain key of a desk not yet migrated, if any."""
        ...


def problem(response: httpx.Response) -> ApiError:
    """The error a non-2xx answer stands for."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, str):
        detail = f"HTTP {response.status_code}: {response.reason_phrase}"
    if not isinstance(body, dict):
        body = {}
    if response.status_code == 401:
        return NotLoggedInError(401, detail, body)
    if response.status_code == 409 and isinstance(body.get("current"), dict):
        return StaleEditError(detail, body["current"])
    return ApiError(response.status_code, detail, body)


class BoxClient:
    """One paired box: REST calls (typed with the contract models) and the event stream."""

    def __init__(
        self,
        keystore: Keystore,
        box: PinnedBox | None = None,
        *,
        remember: bool = True,
        replica_keys: ReplicaKeyring | None = None,
    ) -> None:
        """replica_keys: what opens this desk's replica at a login (None: a client without a
        replica, whose sessions hold no replica key)."""
        pinned = box or keystore.box()
        if pinned is None:
            raise ValueError("this desk is not paired / このデスクはペアリングされていません")
        self.keystore, self.box = keystore, pinned
        self.ssl = client_context(keystore.identity(), pinned.cert_pem.encode())
        self.remember = remember  # False: the session lives only in this process (browser desks)
        self.token: str | None = keystore.token() if remember else None
        self.user: LoginOut | None = None
        # the replica key, unwrapped at a password login, held in memory for that session only
        self.replica_key: bytes | None = None
        self.replica_note = ""  # what that unwrapping has to tell the user ("" for nothing)
        self.replica_keys = replica_keys
        self._http = httpx.AsyncClient(
            base_url=f"https://{pinned.host}:{pinned.port}", verify=self.ssl, timeout=TIMEOUT_S
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
    ) -> Any:
        """One call: the decoded JSON answer, or the DeskError it stands for (`content`: a raw
        body such as an image file's bytes, instead of JSON)."""
        if isinstance(json, BaseModel):
            json = json.model_dump(mode="json", exclude_unset=True)
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            r = await self._http.request(
                method, path, json=json, params=clean, content=content, headers=self._headers()
            )
        except httpx.TransportError as exc:
            raise BoxUnreachableError(
                f"箱に接続できません / cannot reach the box ({self.box.host}:{self.box.port}):"
                f" {exc or type(exc).__name__}"
            ) from exc
        if r.status_code >= 400:
            raise problem(r)
        return r.json() if r.content else None

    async def call(
        self,
        model: type[T] | Any,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> T:
        """request(), its answer validated as `model` (a model class or list[...])."""
        data = await self.request(method, path, json=json, params=params)
        return TypeAdapter(model).validate_python(data)  # type: ignore[no-any-return]

    async def stream_bytes(
        self, path: str, *, params: dict[str, Any] | None = None
    ) -> AsyncGenerator[bytes, None]:
        """A GET whose body comes as it is sent (audio); the DeskError of a non-2xx answer."""
        try:
            async with self._http.stream("GET", path, params=params, headers=self._headers()) as r:
                if r.status_code >= 400:
                    await r.aread()
                    raise problem(r)
                async for block in r.aiter_bytes():
                    yield block
        except httpx.TransportError as exc:
            raise BoxUnreachableError(
                f"箱に接続できません / cannot reach the box ({self.box.host}:{self.box.port}):"
                f" {exc or type(exc).__name__}"
            ) from exc

    async def post_lines(
        self, path: str, content: bytes, *, params: dict[str, Any] | None = None
    ) -> AsyncGenerator[str, None]:
        """A POST of raw bytes (a file) whose answer comes line by line as it is sent; the
        DeskError of a non-2xx answer. No time limit: a big file's import takes a while."""
        try:
            async with self._http.stream(
                "POST", path, params=params, content=content, headers=self._headers(), timeout=None
            ) as r:
                if r.status_code >= 400:
                    await r.aread()
                    raise problem(r)
                async for line in r.aiter_lines():
                    if line.strip():
                        yield line
        except httpx.TransportError as exc:
            raise BoxUnreachableError(
                f"箱に接続できません / cannot reach the box ({self.box.host}:{self.box.port}):"
                f" {exc or type(exc).__name__}"
            ) from exc

    # sessions -------------------------------------------------------------------------

    async def login(self, username: str, password: str) -> LoginOut:
        """Log a user in; the token is remembered in the keystore, and the replica key is
        unwrapped (or wrapped for this user first) with the password the box just accepted."""
        self.token, self.replica_key, self.replica_note = None, None, ""
        out: LoginOut = await self.call(
            LoginOut, "POST", "/login", json=LoginIn(username=username, password=password)
        )
        self.token, self.user = out.token, out
        if self.remember:
            self.keystore.save_token(out.token)
            self.keystore.save_prefs(username=out.username)
        if self.replica_keys is not None:
            escrow = await self.replica_escrow()
            # Argon2id takes a second on a Pi: off the event loop
            self.replica_key, self.replica_note = await asyncio.to_thread(
                self.replica_keys.at_password_login, out.username, password, escrow
            )
        return out

    async def replica_escrow(self) -> bytes | None:
        """The box's escrow secret for this desk's replica key (None from an older box)."""
        try:
            out: ReplicaSecretOut = await self.call(ReplicaSecretOut, "GET", "/desk/replica-secret")
            secret = bytes.fromhex(out.secret)
        except (DeskError, ValueError):  # an older box (404), or it went away just now
            return None
        return secret if len(secret) == 32 else None

    async def session_replica_key(self) -> bytes | None:
        """The replica key for this session: the one the password login unwrapped, else the
        plain key of a desk not yet migrated, else (a remembered-token session: no password
        came by) the escrowed copy the box's secret for this desk opens; None without any."""
        keys = self.replica_keys
        if keys is None:
            return None
        if self.replica_key is None:
            self.replica_key = keys.legacy_key()
        escrow = await self.replica_escrow() if self.replica_key is None else None
        if escrow is not None:
            self.replica_key = await asyncio.to_thread(keys.from_escrow, escrow)
        return self.replica_key

    def logout(self) -> None:
        """Forget the session locally (and the replica key it held)."""
        self.token, self.user = None, None
        self.replica_key, self.replica_note = None, ""
        if self.remember:
            self.keystore.save_token(None)

    async def end_session(self) -> None:
        """POST /logout, then forget the session here whatever the box said (the error, if any,
        is raised after: a box out of reach ends the session itself when it expires)."""
        try:
            if self.token is not None:
                await self.request("POST", "/logout")
        except NotLoggedInError:
            pass  # already over on the box
        finally:
            self.logout()

    async def me(self) -> dict[str, Any]:
        """Which desk the box sees (works before login)."""
        out: dict[str, Any] = await self.request("GET", "/me")
        return out

    # events ---------------------------------------------------------------------------

    def events(self, since: int | None = None, **timing: float) -> EventStream:
        """The long-lived event stream (resumes with since=, reconnects with backoff)."""
        return EventStream(
            f"wss://{self.box.host}:{self.box.port}/events",
            self.ssl,
            token=lambda: self.token,
            since=since,
            **timing,
        )

    async def stream(self, since: int | None = None) -> AsyncIterator[Event | LinkState]:
        """Shorthand: iterate the event stream."""
        async for item in self.events(since):
            yield item
