"""Call lists: customers to call, each entry uncalled → called / no answer / callback."""

from __future__ import annotations

from collections.abc import Iterable

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.text import clean, clean_multiline
from appliance.db.models import CallList, CallListEntry, Customer, utcnow

STATES = ("uncalled", "called", "no_answer", "callback")


def create_call_list(
    actor: Actor, name: str, customer_ids: Iterable[int], *, description: str = ""
) -> CallList:
    """A list with one uncalled entry per (live, distinct) customer."""
    if not clean(name):
        raise InvalidInput("リスト名が空です / the list name is empty")
    with CallList._meta.database.atomic():
        call_list = editing.create(
            actor, CallList, name=clean(name), description=clean_multiline(description)
        )
        for cid in dict.fromkeys(customer_ids):
            add_entry(actor, call_list.id, cid)
    return call_list


def add_entry(actor: Actor, call_list_id: int, customer_id: int) -> CallListEntry:
    """Put a customer on the list (once)."""
    editing.get_row(CallList, call_list_id)
    editing.get_row(Customer, customer_id)
    exists = CallListEntry.live().where(
        (CallListEntry.call_list == call_list_id) & (CallListEntry.customer == customer_id)
    )
    if exists.exists():
        raise Conflict("既にリストにあります / the customer is already on this list")
    return editing.create(actor, CallListEntry, call_list=call_list_id, customer=customer_id)


def record_attempt(
    actor: Actor, entry_id: int, expected_version: int, outcome: str
) -> CallListEntry:
    """Count one attempt and set the entry's state to outcome."""
    if outcome not in STATES[1:]:
        raise InvalidInput(f"結果が不正です / outcome must be one of {STATES[1:]}")
    entry = editing.get_row(CallListEntry, entry_id)
    return editing.update(
        actor,
        CallListEntry,
        entry_id,
        expected_version,
        {"state": outcome, "attempts": entry.attempts + 1, "last_attempt_at": utcnow()},
    )


def assign(
    actor: Actor, entry_id: int, expected_version: int, user_id: int | None
) -> CallListEntry:
    """Give the entry to a user (None: anyone)."""
    return editing.update(actor, CallListEntry, entry_id, expected_version, {"assignee": user_id})


def next_entries(
    call_list_id: int, *, user_id: int | None = None, limit: int = 20
) -> list[CallListEntry]:
    """Entries still to call (uncalled, no answer, callback), fewest attempts first."""
    query = CallListEntry.live().where(
        (CallListEntry.call_list == call_list_id) & (CallListEntry.state != "called")
    )
    if user_id is not None:
        query = query.where((CallListEntry.assignee == user_id) | CallListEntry.assignee.is_null())
    return list(query.order_by(CallListEntry.attempts, CallListEntry.id).limit(limit))


def progress(call_list_id: int) -> dict[str, int]:
    """How many entries are in each state."""
    counts = dict.fromkeys(STATES, 0)
    for entry in CallListEntry.live().where(CallListEntry.call_list == call_list_id):
        counts[entry.state] += 1
    return counts
