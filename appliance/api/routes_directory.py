"""Read-only directory for operators: the users list, the logged-in desks, oneself."""

from __future__ import annotations

from fastapi import APIRouter

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract import DirectoryUserOut, MeUserOut, OnlineDeskOut
from appliance.core.access.directory import me_user, online_desks, users_directory
from appliance.core.access.sessions import Caller
from appliance.core.clock import utcnow


def router(state: ApiState) -> APIRouter:
    """GET /users/directory, GET /desks/online, GET /me/user (any logged-in user)."""
    api = APIRouter(tags=["directory"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/users/directory")
    async def directory(_: Caller = who) -> list[DirectoryUserOut]:
        """Who callbacks can be assigned to."""
        result: list[DirectoryUserOut] = await run(users_directory)
        return result

    @api.get("/desks/online")
    async def desks_online(_: Caller = who) -> list[OnlineDeskOut]:
        """Desks someone is logged in at now (hand-off targets)."""
        result: list[OnlineDeskOut] = await run(online_desks, utcnow())
        return result

    @api.get("/me/user")
    async def me(c: Caller = who) -> MeUserOut:
        """The caller's own user and desk."""
        result: MeUserOut = await run(me_user, c)
        return result

    return api
