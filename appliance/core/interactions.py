"""Interactions: manual entries (email, fax, visit, SMS, letter, web) and a customer's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.text import clean_multiline
from appliance.db.models import Call, Customer, Interaction
from appliance.db.models.activity import INTERACTION_KINDS

MANUAL_KINDS = tuple(k for k in INTERACTION_KINDS if k != "call")


def log_interaction(
    actor: Actor,
    customer_id: int,
    kind: str,
    summary: str,
    *,
    direction: str = "in",
    occurred_at: dt.datetime | None = None,
    time_spent_s: int = 0,
) -> Interaction:
    """Record a contact that did not come through the phone line (and the seconds it took)."""
    if kind not in MANUAL_KINDS:
        raise InvalidInput(f"種別が不正です / kind must be one of {MANUAL_KINDS}")
    if direction not in ("in", "out"):
        raise InvalidInput("方向は in か out です / direction must be in or out")
    editing.get_row(Customer, customer_id)
    extra = {"occurred_at": occurred_at} if occurred_at is not None else {}
    return editing.create(
        actor,
        Interaction,
        customer=customer_id,
        kind=kind,
        direction=direction,
        summary=clean_multiline(summary),
        user=actor.user_id,
        desk=actor.desk_id,
        time_spent_s=max(0, int(time_spent_s)),
        **extra,
    )


@dataclass(frozen=True)
class HistoryItem:
    """One line of a customer's history, whatever its kind."""

    at: dt.datetime
    kind: str
    direction: str
    summary: str
    ref: int


def history(customer_id: int, limit: int = 20) -> list[HistoryItem]:
    """Calls and manual interactions of a customer, newest first (two index range reads)."""
    calls = (
        Call.select()
        .where(Call.customer == customer_id)
        .order_by(Call.started_at.desc())
        .limit(limit)
    )
    manual = (
        Interaction.live()
        .where(Interaction.customer == customer_id)
        .order_by(Interaction.occurred_at.desc())
        .limit(limit)
    )
    items = [
        HistoryItem(c.started_at, "call", c.direction, c.disposition or c.state, c.id)
        for c in calls
    ]
    items += [HistoryItem(i.occurred_at, i.kind, i.direction, i.summary, i.id) for i in manual]
    items.sort(key=lambda h: h.at, reverse=True)
    return items[:limit]
