"""Notes on customers: written (often during a call) with time spent, pinned, edited, undone."""

from __future__ import annotations

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.indexing import reindexes_customer
from appliance.core.text import clean_multiline
from appliance.db.models import Customer, Note

MAX_TIME_SPENT_S = 24 * 3600


def _time_spent(seconds: int) -> int:
    if not 0 <= int(seconds) <= MAX_TIME_SPENT_S:
        raise InvalidInput(f"所要時間が不正です / time spent must be 0..{MAX_TIME_SPENT_S} s")
    return int(seconds)


def _body(text: str) -> str:
    body = clean_multiline(text)
    if not body:
        raise InvalidInput("メモが空です / the note is empty")
    return body


@reindexes_customer
def add_note(
    actor: Actor,
    customer_id: int,
    body: str,
    *,
    time_spent_s: int = 0,
    pinned: bool = False,
    call_id: int | None = None,
) -> Note:
    """Write a note by actor; time_spent_s is how long the operator spent on it."""
    editing.get_row(Customer, customer_id)
    return editing.create(
        actor,
        Note,
        customer=customer_id,
        call=call_id,
        author=actor.user_id,
        author_name=actor.name,
        body=_body(body),
        time_spent_s=_time_spent(time_spent_s),
        pinned=pinned,
    )


@reindexes_customer
def edit_note(
    actor: Actor,
    note_id: int,
    expected_version: int,
    *,
    body: str | None = None,
    add_time_s: int = 0,
) -> Note:
    """Change the body and/or add time spent; StaleEdit if someone edited it first."""
    note = editing.get_row(Note, note_id)
    changes: dict[str, object] = {}
    if body is not None:
        changes["body"] = _body(body)
    if add_time_s:
        changes["time_spent_s"] = _time_spent(note.time_spent_s + int(add_time_s))
    return editing.update(actor, Note, note_id, expected_version, changes)


def pin_note(actor: Actor, note_id: int, expected_version: int, pinned: bool = True) -> Note:
    """Pin (shown on the screen pop) or unpin a note."""
    return editing.update(actor, Note, note_id, expected_version, {"pinned": pinned})


@reindexes_customer
def delete_note(actor: Actor, note_id: int, expected_version: int) -> Note:
    """Soft-delete a note (restore_note undoes it)."""
    return editing.soft_delete(actor, Note, note_id, expected_version)


@reindexes_customer
def restore_note(actor: Actor, note_id: int) -> Note:
    """Undo delete_note."""
    return editing.restore(actor, Note, note_id)


def notes_of(customer_id: int, limit: int = 50) -> list[Note]:
    """Live notes of a customer: pinned first, then newest first."""
    return list(
        Note.live()
        .where(Note.customer == customer_id)
        .order_by(Note.pinned.desc(), Note.created_at.desc(), Note.id.desc())
        .limit(limit)
    )


def time_spent_total(customer_id: int) -> int:
    """Seconds spent on this customer's live notes."""
    return sum(n.time_spent_s for n in Note.live().where(Note.customer == customer_id))
