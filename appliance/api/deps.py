"""Who is calling: the bearer-token session dependency, role checks, and the audit Actor."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from appliance.api.peers import fingerprint_of
from appliance.api.state import ApiState
from appliance.core import audit, events
from appliance.core.access import sessions
from appliance.core.access.roles import RANK
from appliance.core.access.sessions import Caller, LoginRefusedError
from appliance.core.clock import utcnow
from appliance.core.running import OpenStore

LOCKED = "箱はロック中です / the box is locked"
LOG_IN = "ログインしてください / log in first (session missing, ended or expired)"
TOO_LOW = "この操作の権限がありません / your role may not do this (needs {role})"
bearer = HTTPBearer(auto_error=False, description="the token from POST /login")


def open_store(state: ApiState) -> OpenStore:
    """The store, or 503 while the box is locked."""
    if state.store is None:
        raise HTTPException(503, LOCKED)
    return state.store


def desk_of(state: ApiState, request: Request) -> int | None:
    """The pinned desk id of the connection (None over a transport without certificates)."""
    return state.desks.pinned.get(fingerprint_of(request) or "")


def needs(state: ApiState, role: str = "operator") -> Any:
    """A dependency giving the Caller; 401 without a live session, 403 when the role is low."""
    wanted = RANK[role]

    async def caller(
        request: Request, cred: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
    ) -> Caller:
        store = open_store(state)
        if cred is None or len(cred.credentials) > 128:
            raise HTTPException(401, LOG_IN, headers={"WWW-Authenticate": "Bearer"})
        try:
            who = await store.executor.run(
                sessions.session_caller,
                cred.credentials,
                utcnow(),
                state.sessions,
                desk_of(state, request),
            )
        except LoginRefusedError:
            raise HTTPException(401, LOG_IN, headers={"WWW-Authenticate": "Bearer"}) from None
        if RANK.get(who.role, 0) < wanted:
            raise HTTPException(403, TOO_LOW.format(role=role))
        return who

    return Depends(caller)


Runner = Callable[..., Awaitable[Any]]


def runner(state: ApiState) -> Runner:
    """`await run(fn, *args)`: fn on the database thread (503 while locked)."""

    async def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        before = audit.WRITTEN.rows
        try:
            return await open_store(state).executor.run(fn, *args, **kwargs)
        finally:
            if audit.WRITTEN.rows != before:  # committed (or rolled back: a spare pull)
                events.committed(state.hub)

    return run
