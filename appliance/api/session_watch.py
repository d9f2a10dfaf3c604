"""The session behind an event stream: checked when it opens and every SESSION_CHECK_S after,
so a stream whose session ended or expired goes back to the raw caller ID only."""

from __future__ import annotations

import asyncio

from appliance.api.state import ApiState, StreamAccess
from appliance.core.access import sessions
from appliance.core.access.sessions import LoginRefusedError
from appliance.core.clock import utcnow

SESSION_CHECK_S = 15.0
MAX_TOKEN = 128


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header (None when absent or malformed)."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN:
        return None
    return token


async def has_session(state: ApiState, token: str | None, fp: str) -> bool:
    """True when `token` is a live session usable at the desk with this fingerprint."""
    store = state.store
    if token is None or store is None:
        return False
    desk_id = state.desks.pinned.get(fp)
    try:
        await store.executor.run(sessions.session_caller, token, utcnow(), state.sessions, desk_id)
    except LoginRefusedError:
        return False
    return True


async def watch_session(state: ApiState, access: StreamAccess, fp: str) -> None:
    """Take the session away from the stream once it is no longer live (never gives it back:
    a desk logs in again and opens a new stream)."""
    while access.session:
        await asyncio.sleep(SESSION_CHECK_S)
        if access.session and not await has_session(state, access.token, fp):
            access.session = False
