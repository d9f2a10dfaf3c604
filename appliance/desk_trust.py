"""Which desks the box trusts across restarts: pins kept in desk-pins.json, and a revoked
desk's pin and vault slot removed for good."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from appliance.api.state import ApiState
from appliance.contract.identity import fingerprint
from appliance.core.access import desks
from appliance.desk_pins import DeskPins
from appliance.vault.session import VaultSession

log = logging.getLogger(__name__)


class DeskTrust:
    """The pin file and the vault's desk slots kept in step with the Desk rows."""

    def __init__(self, state: ApiState, session: VaultSession, pins: DeskPins) -> None:
        self.state, self.session, self.pins = state, session, pins

    def load(self) -> None:
        """At start: the pinned desks from the pin file (readable while locked)."""
        for fp, desk_id, pem in self.pins.items():
            self.state.desks.pinned[fp] = desk_id
            self.state.desks.pems.append(pem)
        self.state.desks.on_pin.append(self.remember)

    def remember(self, pem: bytes) -> None:
        """Keep a newly pinned desk in the pin file (with its desk id once known)."""
        fp = fingerprint(pem)
        desk_id = self.state.desks.pinned.get(fp, 0)
        if self.pins.desk_id(fp) != desk_id:
            self.pins.add(pem, desk_id)

    async def forget(self, desk_id: int, name: str, fp: str, *, slot: bool = True) -> None:
        """A revoked desk stays revoked: its pin leaves the pin file (durably) and its vault
        slot is deleted, so neither a restart nor its secret lets it back in."""
        self.state.desks.pinned.pop(fp, None)
        self.state.streams.close(fp)
        await asyncio.to_thread(self.pins.remove, desk_id, fp)
        if slot and not self.session.locked and name in await self._desk_slots():
            await self.session.revoke_desk(name, rotate=False)

    async def _desk_slots(self) -> set[str]:
        slots = await asyncio.to_thread(self.session.vault.slots)
        return {s.name for s in slots if s.kind == "desk"}

    async def forget_revoked(self) -> None:
        """At start and unlock: a desk revoked before a crash (or by an older box) loses what
        is left of its trust; a slot is kept when a live desk carries the name again."""
        store = self.session.store
        if store is None:
            return
        live = {d.name for d in await store.executor.run(desks.pinned_desks)}
        slots = await self._desk_slots()
        for d in await store.executor.run(desks.revoked_desks):
            pinned = self.state.desks.pinned
            if self.pins.desk_id(d.fingerprint) is not None or d.fingerprint in pinned:
                await self.forget(d.desk_id, d.name, d.fingerprint, slot=False)
            if d.name in slots and d.name not in live:
                await self.forget(d.desk_id, d.name, d.fingerprint)

    async def open_pairing_from_console(self, _request: dict[str, Any]) -> dict[str, Any]:
        """`ringdesk pair` on the box: a fresh code for the next desk (audited as the console);
        a locked box says so (a desk's vault slot needs the unlocked key)."""
        from appliance.core import audit
        from appliance.core.actor import Actor

        if self.session.locked:
            return {"error": "locked"}
        assert self.state.pairing is not None
        code = self.state.pairing.open()
        store = self.state.store
        if store is not None:
            actor = Actor.system("console")
            await store.executor.run(audit.record, actor, "desk", 0, "pairing_opened")
        log.info("pairing opened from the box's console")
        return {"code": code, "seconds": self.state.pairing.window_s}
