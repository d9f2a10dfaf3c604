"""Note routes: a customer's notes, write (time spent, pinned), versioned edit, delete/undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from appliance.api import views
from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.contract import NoteIn, NoteOut, NotePatch
from appliance.core import editing, notes
from appliance.core.access.sessions import Caller
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.models import Call, Customer, Note, database_proxy

if TYPE_CHECKING:
    from appliance.api.server import ApiState


def _add(actor: Actor, customer_id: int, body: NoteIn) -> NoteOut:
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    row = notes.add_note(actor, customer_id, body.body, time_spent_s=body.time_spent_s,
                         pinned=body.pinned, call_id=body.call_id)  # fmt: skip
    return views.note_out(row)


def _patch(actor: Actor, note_id: int, body: NotePatch) -> NoteOut:
    try:
        return _apply(actor, note_id, body)
    except StaleEdit as exc:
        raise views.restale(exc, views.note_out(Note.get_by_id(note_id))) from None


def _apply(actor: Actor, note_id: int, body: NotePatch) -> NoteOut:
    version = body.version
    with database_proxy.atomic():
        row = editing.get_row(Note, note_id)
        if body.body is not None or body.add_time_s:
            row = notes.edit_note(actor, note_id, version, body=body.body,
                                  add_time_s=body.add_time_s)  # fmt: skip
            version = int(row.version)
        if body.pinned is not None and body.pinned != row.pinned:
            row = notes.pin_note(actor, note_id, version, body.pinned)
        elif version == body.version and row.version != version:
            editing.update(actor, Note, note_id, version, {})  # a no-op still checks the version
    return views.note_out(editing.get_row(Note, note_id))


def _delete(actor: Actor, note_id: int, version: int) -> NoteOut:
    try:
        return views.note_out(notes.delete_note(actor, note_id, version))
    except StaleEdit as exc:
        raise views.restale(exc, views.note_out(Note.get_by_id(note_id))) from None


def _restore(actor: Actor, note_id: int) -> NoteOut:
    return views.note_out(notes.restore_note(actor, note_id))


def _list(customer_id: int, limit: int) -> list[NoteOut]:
    editing.get_row(Customer, customer_id)
    return [views.note_out(n) for n in notes.notes_of(customer_id, limit)]


def _customer_version(customer_id: int) -> int:
    return int(editing.get_row(Customer, customer_id, include_deleted=True).version)


def router(state: ApiState) -> APIRouter:
    """The note routes (operator and up)."""
    api = APIRouter(tags=["notes"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    async def changed(note: NoteOut) -> NoteOut:
        version = await run(_customer_version, note.customer_id)
        state.hub.publish("customer", {"customer_id": note.customer_id, "version": version})
        return note

    @api.get("/customers/{customer_id}/notes")
    async def list_notes(
        customer_id: RowId, limit: Annotated[int, Query(ge=1, le=500)] = 50, _: Caller = who
    ) -> list[NoteOut]:
        """Live notes: pinned first, then newest first."""
        result: list[NoteOut] = await run(_list, customer_id, limit)
        return result

    @api.post("/customers/{customer_id}/notes", status_code=201)
    async def add_note(customer_id: RowId, body: NoteIn, c: Caller = who) -> NoteOut:
        """Write a note (seconds spent on it, pinned to show on the pop)."""
        return await changed(await run(_add, c.actor, customer_id, body))

    @api.patch("/notes/{note_id}", responses=STALE)
    async def patch_note(note_id: RowId, body: NotePatch, c: Caller = who) -> NoteOut:
        """Edit the body, add time, pin or unpin; 409 StaleOut when the version is old."""
        return await changed(await run(_patch, c.actor, note_id, body))

    @api.delete("/notes/{note_id}", responses=STALE)
    async def delete_note(
        note_id: RowId, version: Annotated[int, Query(ge=0, le=2**53)], c: Caller = who
    ) -> NoteOut:
        """Soft delete (undo with restore)."""
        return await changed(await run(_delete, c.actor, note_id, version))

    @api.post("/notes/{note_id}/restore")
    async def restore_note(note_id: RowId, c: Caller = who) -> NoteOut:
        """Undo a delete."""
        return await changed(await run(_restore, c.actor, note_id))

    return api
