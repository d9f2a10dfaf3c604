"""Admin routes: users, desks (revoke), settings, opening pairing."""

from __future__ import annotations

import inspect

from fastapi import APIRouter

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import (
    DeskOut,
    DeskPatch,
    SettingsIn,
    SettingsOut,
    UserIn,
    UserOut,
    UserPatch,
)
from appliance.core import settings, user_admin
from appliance.core.access import desks
from appliance.core.access.passwords import check_new_password, hash_password, off_db
from appliance.core.access.sessions import Caller


def router(state: ApiState) -> APIRouter:
    """The admin routes (admin only)."""
    api = APIRouter(tags=["admin"], responses=ERRORS)
    run = runner(state)
    admin = needs(state, "admin")

    @api.get("/users")
    async def list_users(_: Caller = admin) -> list[UserOut]:
        """Every user with role and lock state."""
        result: list[UserOut] = await run(user_admin.list_users)
        return result

    @api.post("/users", status_code=201)
    async def create_user(body: UserIn, c: Caller = admin) -> UserOut:
        """A new user; the password must be >= 8 characters and not a common one."""
        await off_db(check_new_password, body.password)  # its list is read from disk once
        hashed = await off_db(hash_password, body.password)
        result: UserOut = await run(user_admin.create_user, c.actor, body, hashed)
        return result

    @api.patch("/users/{user_id}", responses=STALE)
    async def patch_user(user_id: RowId, body: UserPatch, c: Caller = admin) -> UserOut:
        """Rename, change role, (de)activate, set a password (ends sessions) or unlock."""
        hashed = None
        if body.password is not None:
            await off_db(check_new_password, body.password)
            hashed = await off_db(hash_password, body.password)
        result: UserOut = await run(user_admin.patch_user, c.actor, user_id, body, hashed)
        return result

    @api.get("/desks")
    async def list_desks(_: Caller = admin) -> list[DeskOut]:
        """Every paired desk, revoked ones too."""
        result: list[DeskOut] = await run(desks.list_desks)
        return result

    @api.patch("/desks/{desk_id}", responses=STALE)
    async def rename_desk(desk_id: RowId, body: DeskPatch, c: Caller = admin) -> DeskOut:
        """Rename a desk (its vault slot keeps the name it paired with)."""
        result: DeskOut = await run(desks.rename, c.actor, desk_id, body)
        return result

    @api.delete("/desks/{desk_id}")
    async def revoke_desk(desk_id: RowId, c: Caller = admin) -> DeskOut:
        """Revoke a desk: refused from its next request on, sessions ended, vault slot dropped."""
        slot: str = await run(desks.slot_name_of, desk_id)
        result: DeskOut = await run(desks.revoke, c.actor, desk_id)
        for fp, pinned_id in list(state.desks.pinned.items()):
            if pinned_id == desk_id:
                del state.desks.pinned[fp]
                state.streams.close(fp)
        if state.hooks.on_revoke is not None:
            done = state.hooks.on_revoke(desk_id, slot, result.fingerprint)
            if inspect.isawaitable(done):
                await done
        return result

    @api.get("/settings")
    async def get_settings(_: Caller = admin) -> SettingsOut:
        """Box settings (defaults overlaid with stored values)."""
        result: SettingsOut = await run(settings.all_settings)
        return result

    @api.put("/settings")
    async def put_settings(body: SettingsIn, c: Caller = admin) -> SettingsOut:
        """Change the given settings; all are checked before any is stored."""
        result: SettingsOut = await run(settings.put_settings, c.actor, body.values)
        return result

    return api
