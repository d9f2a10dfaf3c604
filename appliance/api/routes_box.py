"""Box-level routes for paired desks: status (locked, lines, warnings) and desk-assisted unlock."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from appliance.api.deps import needs
from appliance.api.state import ApiState, BoxControl
from appliance.contract import BoxStatusOut, PairOpenOut, Problem, UnlockIn, UnlockOut
from appliance.core.access.sessions import Caller
from appliance.vault.errors import VaultError

NOT_RUNNING = "箱の制御がありません / no box control in this server"


def router(state: ApiState) -> APIRouter:
    """GET /status and POST /unlock (paired desks; no login: the box may be locked);
    POST /pair/open (admin)."""
    r = APIRouter(tags=["box"])
    admin = needs(state, "admin")

    def control() -> BoxControl:
        if state.hooks.control is None:
            raise HTTPException(503, NOT_RUNNING)
        box: BoxControl = state.hooks.control
        return box

    @r.get("/status")
    async def status() -> BoxStatusOut:
        if state.hooks.control is None:
            return BoxStatusOut(locked=state.store is None)
        return BoxStatusOut.model_validate(control().status())

    @r.post("/unlock", responses={401: {"model": Problem}, 503: {"model": Problem}})
    async def unlock(body: UnlockIn) -> UnlockOut:
        box = control()
        if not box.locked:
            return UnlockOut(locked=False, merged=0)
        try:
            secret = bytes.fromhex(body.secret)
        except ValueError:
            raise HTTPException(422, "secret は 16 進数です / secret must be hex") from None
        try:
            merged = await box.unlock_with_desk(secret)
        except VaultError as exc:
            raise HTTPException(401, str(exc)) from None
        return UnlockOut(locked=False, merged=merged)

    @r.post("/pair/open", responses={403: {"model": Problem}})
    async def pair_open(who: Caller = admin) -> PairOpenOut:
        assert state.pairing is not None
        code = state.pairing.open()
        await deps_audit(state, who)
        return PairOpenOut(code=code, seconds=state.pairing.window_s)

    return r


async def deps_audit(state: ApiState, who: Caller) -> None:
    """An audit row for an admin opening pairing."""
    from appliance.core import audit

    store = state.store
    if store is not None:
        await store.executor.run(audit.record, who.actor, "desk", 0, "pairing_opened")
