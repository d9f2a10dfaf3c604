"""Note routes: a customer's notes, write (time spent, pinned), versioned edit, delete/undo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import NoteIn, NoteOut, NotePatch
from appliance.core.access.sessions import Caller
from appliance.core.usecases import customers, notes


def router(state: ApiState) -> APIRouter:
    """The note routes (operator and up)."""
    api = APIRouter(tags=["notes"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    async def changed(note: NoteOut) -> NoteOut:
        version = await run(customers.card_version, note.customer_id)
        state.hub.publish("customer", {"customer_id": note.customer_id, "version": version})
        return note

    @api.get("/customers/{customer_id}/notes")
    async def list_notes(
        customer_id: RowId, limit: Annotated[int, Query(ge=1, le=500)] = 50, _: Caller = who
    ) -> list[NoteOut]:
        """Live notes: pinned first, then newest first."""
        result: list[NoteOut] = await run(notes.of_customer, customer_id, limit)
        return result

    @api.post("/customers/{customer_id}/notes", status_code=201)
    async def add_note(customer_id: RowId, body: NoteIn, c: Caller = who) -> NoteOut:
        """Write a note (seconds spent on it, pinned to show on the pop)."""
        return await changed(await run(notes.add, c.actor, customer_id, body))

    @api.patch("/notes/{note_id}", responses=STALE)
    async def patch_note(note_id: RowId, body: NotePatch, c: Caller = who) -> NoteOut:
        """Edit the body, add time, pin or unpin; 409 StaleOut when the version is old."""
        return await changed(await run(notes.patch, c.actor, note_id, body))

    @api.delete("/notes/{note_id}", responses=STALE)
    async def delete_note(
        note_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = who
    ) -> NoteOut:
        """Soft delete (undo with restore)."""
        return await changed(await run(notes.delete, c.actor, note_id, version))

    @api.post("/notes/{note_id}/restore")
    async def restore_note(note_id: RowId, c: Caller = who) -> NoteOut:
        """Undo a delete."""
        return await changed(await run(notes.restore, c.actor, note_id))

    return api
