"""What an event stream without a logged-in session receives: the raw caller ID a line sent
and the box's health, never customer data (a paired desk is a machine; a session is a person)."""

from __future__ import annotations

from typing import Any

from appliance.contract import Event

POP_KEPT = frozenset(
    {"call_id", "line", "at", "number", "number_display", "cid_name", "reason", "reason_ja"}
    | {"reason_en", "locked", "after_hours"}
)
CALL_KEPT = frozenset(
    {"id", "line", "direction", "state", "started_at", "answered_at", "ended_at", "duration_s"}
    | {"number", "number_e164", "number_display", "caller_name", "reason", "missed", "event"}
    | {"desk_id", "desk_name", "user_id", "user_name"}  # who took it: staff, not customers
)
AS_IS = frozenset({"status", "ring", "resync", "change"})  # no customer field in these


def _only(data: dict[str, Any], kept: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in kept}


def public_view(event: Event) -> Event | None:
    """The event as a stream without a session may see it; None when it must not see it at all
    (customer changes, callback reminders and any kind not known here)."""
    if event.kind in AS_IS:
        return event
    if event.kind == "pop":
        return event.model_copy(update={"data": {**_only(event.data, POP_KEPT), "customers": []}})
    if event.kind == "call":
        data = {**_only(event.data, CALL_KEPT), "customer_id": None, "customer_name": None}
        return event.model_copy(update={"data": data})
    return None
