"""Notes as desks write them (db thread): add, versioned edit (text, time, pin), delete/undo."""

from __future__ import annotations

from appliance.contract import NoteIn, NoteOut, NotePatch
from appliance.core import editing, notes, views
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.models import Call, Customer, Note, database_proxy


def add(actor: Actor, customer_id: int, body: NoteIn) -> NoteOut:
    """A note on a customer (optionally tied to a call) -> the note."""
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    row = notes.add_note(
        actor,
        customer_id,
        body.body,
        time_spent_s=body.time_spent_s,
        pinned=body.pinned,
        call_id=body.call_id,
    )
    return views.note_out(row)


def patch(actor: Actor, note_id: int, body: NotePatch) -> NoteOut:
    """A versioned edit (text, added time, pin) -> the note; StaleEdit carries it as it is now."""
    try:
        return _apply(actor, note_id, body)
    except StaleEdit as exc:
        raise views.restale(exc, views.note_out(Note.get_by_id(note_id))) from None


def _apply(actor: Actor, note_id: int, body: NotePatch) -> NoteOut:
    version = body.version
    with database_proxy.atomic():
        row = editing.get_row(Note, note_id)
        if body.body is not None or body.add_time_s:
            row = notes.edit_note(
                actor, note_id, version, body=body.body, add_time_s=body.add_time_s
            )
            version = int(row.version)
        if body.pinned is not None and body.pinned != row.pinned:
            row = notes.pin_note(actor, note_id, version, body.pinned)
        elif version == body.version and row.version != version:
            editing.update(actor, Note, note_id, version, {})  # a no-op still checks the version
    return views.note_out(editing.get_row(Note, note_id))


def delete(actor: Actor, note_id: int, version: int) -> NoteOut:
    """Soft-delete at `version` -> the note."""
    try:
        return views.note_out(notes.delete_note(actor, note_id, version))
    except StaleEdit as exc:
        raise views.restale(exc, views.note_out(Note.get_by_id(note_id))) from None


def restore(actor: Actor, note_id: int) -> NoteOut:
    """Undo a delete -> the note."""
    return views.note_out(notes.restore_note(actor, note_id))


def of_customer(customer_id: int, limit: int) -> list[NoteOut]:
    """A customer's notes, newest first."""
    editing.get_row(Customer, customer_id)
    return [views.note_out(n) for n in notes.notes_of(customer_id, limit)]
