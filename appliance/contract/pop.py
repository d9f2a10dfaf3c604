"""Wire models of the screen pop: the caller ID, the reason in words and the matched cards."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from appliance.contract.fields import UtcTime

__all__ = [
    "PopCustomerOut",
    "PopInteractionOut",
    "PopNoteOut",
    "PopOrderOut",
    "PopOut",
    "PopTaskOut",
]


class PopNoteOut(BaseModel):
    """A pinned note on the card."""

    body: str
    author: str | None = None
    at: UtcTime


class PopOrderOut(BaseModel):
    """One recent order, summarised."""

    order_id: int
    at: UtcTime
    total: int
    status: str
    items: list[str] = []


class PopTaskOut(BaseModel):
    """An open callback or task for the customer."""

    task_id: int
    due: UtcTime | None = None
    reason: str
    assignee: str | None = None
    missed_from: str | None = None  # a missed-call callback: who rang; each desk words it


class PopInteractionOut(BaseModel):
    """One past contact and who handled it."""

    at: UtcTime
    kind: str
    summary: str
    handled_by: str | None = None


class PopCustomerOut(BaseModel):
    """A matched customer's card: everything a desk needs before saying hello."""

    customer_id: int
    display_name: str
    reading: str | None = None
    company: str | None = None
    phone_label: str | None = None
    address: str | None = None
    delivery_notes: str | None = None
    vip: bool = False
    caution: bool = False
    blocked: bool = False
    tags: list[str] = []
    pinned_notes: list[PopNoteOut] = []
    last_orders: list[PopOrderOut] = []
    usual_order_id: int | None = None  # "the usual": one key on the pop orders it again
    usual: list[str] = []  # its lines in words (天ぷらそば×2 (大盛り))
    open_tasks: list[PopTaskOut] = []
    recent: list[PopInteractionOut] = []
    call_count: int = 0
    last_call_at: UtcTime | None = None
    rank: str | None = None  # A/B/C by spend over the shop's window; None before any order
    rfm: str | None = None  # recency, frequency, money scores 1-5, e.g. "545"
    card_exchanged_on: dt.date | None = None  # the last business card exchange: when...
    card_exchanged_where: str | None = None  # ...and where (an event, a place)


class PopOut(BaseModel):
    """A call's pop: raw caller ID, the reason in words, and zero, one or several cards.

    `locked` means the box is waiting for unlock: only the raw caller ID is known."""

    call_id: int
    line: str
    at: UtcTime
    number: str | None = None
    number_display: str | None = None
    cid_name: str | None = None
    reason: str | None = None
    reason_ja: str | None = None
    reason_en: str | None = None
    customers: list[PopCustomerOut] = []
    shared: bool = False
    blocked_number: bool = False
    locked: bool = False
    after_hours: bool = False
