"""Box events to desk messages (the long-lived event worker posts what this returns)."""

from __future__ import annotations

from pydantic import ValidationError
from textual.message import Message

from appliance.contract import CallOut, Event, OrderOut, PopOut, TaskOut
from tui import messages as m


def to_message(event: Event) -> Message | None:
    """The message for an event, or None for kinds the desk does not show (or cannot read)."""
    data = event.data
    try:
        if event.kind == "pop":
            return m.PopArrived(PopOut.model_validate(data))
        if event.kind == "ring":
            line, count = str(data.get("line", "")), int(data.get("count", 1))
            return m.Rang(int(data["call_id"]), line, count)
        if event.kind == "call":
            return m.CallChanged(CallOut.model_validate(data))
        if event.kind == "customer":
            version = data.get("version")
            return m.CustomerChanged(
                int(data["customer_id"]), int(version) if version is not None else None
            )
        if event.kind == "callback_due":
            return m.CallbackDue(TaskOut.model_validate(data))
        if event.kind == "status":
            return m.BoxStatus(data)
        if event.kind == "order":
            return m.OrderChanged(OrderOut.model_validate(data))
        if event.kind == "print":
            return m.PrintChanged()
        if event.kind == "resync":
            return m.Resynced()
    except (ValidationError, KeyError, TypeError, ValueError):
        return None
    return None
