"""Who is calling: the bearer-token session dependency, role checks, and the audit Actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from appliance.api import auth
from appliance.api.auth import LoginRefusedError, SessionPolicy
from appliance.api.peers import fingerprint_of
from appliance.core import audit, events
from appliance.core.actor import Actor
from appliance.db.models import Session, User, utcnow
from appliance.db.store import Store

if TYPE_CHECKING:
    from appliance.api.server import ApiState

TOUCH_EVERY = dt.timedelta(seconds=30)
RANK = {"operator": 1, "manager": 2, "admin": 3}
LOCKED = "箱はロック中です / the box is locked"
LOG_IN = "ログインしてください / log in first (session missing, ended or expired)"
TOO_LOW = "この操作の権限がありません / your role may not do this (needs {role})"
bearer = HTTPBearer(auto_error=False, description="the token from POST /login")


@dataclass(frozen=True)
class Caller:
    """A logged-in user at a desk: role for checks, actor for audit rows."""

    user_id: int
    username: str
    role: str
    desk_id: int | None
    actor: Actor


def _fresh(token: str, now: dt.datetime, policy: SessionPolicy) -> User | None:
    """The user of a session seen within TOUCH_EVERY (no write needed), else None."""
    session = Session.get_or_none(Session.token_hash == auth.token_hash(token))
    if (
        session is None
        or session.ended_at is not None
        or now >= session.expires_at
        or not dt.timedelta(0) <= now - session.last_seen_at < min(TOUCH_EVERY, policy.idle)
    ):
        return None
    user: User = session.user
    return user if user.active and not user.hard_locked else None


def _session_user(
    token: str, now: dt.datetime, policy: SessionPolicy, desk_id: int | None
) -> Caller:
    """The session's user, refused when it was opened on another desk (db thread)."""
    # Touching last_seen_at is a committed write; a busy desk needs it only now and then.
    user = _fresh(token, now, policy) or auth.authenticate(token, now, policy)
    session = Session.get(Session.token_hash == auth.token_hash(token))
    bound = session.__data__.get("desk")
    if bound is not None and bound != desk_id:
        raise LoginRefusedError
    name = str(user.display_name or user.username)
    return Caller(int(user.id), str(user.username), str(user.role.name), desk_id,
                  Actor(user_id=int(user.id), desk_id=desk_id, name=name))  # fmt: skip


def open_store(state: ApiState) -> Store:
    """The store, or 503 while the box is locked."""
    if state.store is None:
        raise HTTPException(503, LOCKED)
    return state.store


def desk_of(state: ApiState, request: Request) -> int | None:
    """The pinned desk id of the connection (None over a transport without certificates)."""
    return state.pinned.get(fingerprint_of(request) or "")


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
                _session_user, cred.credentials, utcnow(), state.sessions, desk_of(state, request)
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
