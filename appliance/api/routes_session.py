"""Session routes for the logged-in user: log out, change one's own password, and the desk's
replica escrow secret."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from appliance.api.deps import bearer, needs, runner
from appliance.api.errors import ERRORS
from appliance.api.peers import fingerprint_of
from appliance.api.state import ApiState
from appliance.contract import PasswordChangeIn, ReplicaSecretOut
from appliance.core.access import sessions
from appliance.core.access.passwords import (
    check_new_password,
    hash_password,
    off_db,
    verify_password,
)
from appliance.core.access.sessions import Caller, LoginRefusedError
from appliance.core.clock import utcnow

NO_DESK = "デスクからのログインではありません / this session is not at a paired desk"


def replica_secret(box_key_pem: bytes, desk_id: int) -> bytes:
    """A stable 32-byte secret per desk, known only to this box (keyed by its private key):
    a stolen desk disk holds the escrowed replica key, but only a logged-in user gets this."""
    key = hashlib.sha256(b"ringdesk replica escrow\0" + box_key_pem).digest()
    return hmac.new(key, f"desk {desk_id}".encode(), hashlib.sha256).digest()


def router(state: ApiState) -> APIRouter:
    """POST /logout, POST /password, GET /desk/replica-secret (any logged-in user)."""
    api = APIRouter(tags=["session"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.post("/logout", status_code=204)
    async def logout(
        request: Request,
        cred: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
        _: Caller = who,
    ) -> None:
        """End this session; the desk's event streams carry no customer data from now on."""
        assert cred is not None  # `who` refused the request otherwise
        await run(sessions.logout, cred.credentials, utcnow())
        state.streams.logged_out(fingerprint_of(request) or "", cred.credentials)

    @api.post("/password", status_code=204)
    async def change_password(body: PasswordChangeIn, c: Caller = who) -> None:
        """Change one's own password (the old one must match); every session ends."""
        stored = await run(sessions.stored_hash, c.user_id)
        if not await off_db(verify_password, stored, body.old):
            raise LoginRefusedError
        await off_db(check_new_password, body.new)
        hashed = await off_db(hash_password, body.new)
        await run(sessions.set_password_hash, c.user_id, hashed, utcnow(), replaces=stored)

    @api.get("/desk/replica-secret")
    async def desk_replica_secret(c: Caller = who) -> ReplicaSecretOut:
        """The caller's desk's replica escrow secret (404 for a session not at a desk)."""
        if c.desk_id is None:
            raise HTTPException(404, NO_DESK)
        return ReplicaSecretOut(secret=replica_secret(state.box.key_pem, c.desk_id).hex())

    return api
