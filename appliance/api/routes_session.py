"""Session routes for the logged-in user: log out, change one's own password."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Security
from fastapi.security import HTTPAuthorizationCredentials

from appliance.api import auth
from appliance.api.deps import Caller, bearer, needs, runner
from appliance.api.errors import ERRORS
from appliance.api.schema import PasswordChangeIn
from appliance.db.models import utcnow

if TYPE_CHECKING:
    from appliance.api.server import ApiState


def _change(user_id: int, old: str, new: str, now: dt.datetime) -> None:
    auth.change_password(user_id, old, new, now)


def router(state: ApiState) -> APIRouter:
    """POST /logout and POST /password (any logged-in user)."""
    api = APIRouter(tags=["session"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.post("/logout", status_code=204)
    async def logout(
        cred: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)], _: Caller = who
    ) -> None:
        """End this session."""
        assert cred is not None  # `who` refused the request otherwise
        await run(auth.logout, cred.credentials, utcnow())

    @api.post("/password", status_code=204)
    async def change_password(body: PasswordChangeIn, c: Caller = who) -> None:
        """Change one's own password (the old one must match); every session ends."""
        await run(_change, c.user_id, body.old, body.new, utcnow())

    return api
