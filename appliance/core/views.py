"""Rows -> wire models (db thread): summaries, the customer card, notes, orders, tasks, timeline."""

from __future__ import annotations

from typing import Any

import peewee
from pydantic import BaseModel

from appliance.contract import (
    AddressOut,
    CustomerCard,
    CustomerSummary,
    EmailOut,
    NoteOut,
    OrderOut,
    PhoneOut,
    TaskOut,
    TimelineItem,
)
from appliance.core import attributes, editing, order_views, orders, tags
from appliance.core.analysis import figures
from appliance.core.calls import callbacks
from appliance.core.errors import StaleEdit
from appliance.core.normalize import display_phone
from appliance.core.settings import default_region
from appliance.db.models import (
    Address,
    Call,
    Customer,
    Email,
    Interaction,
    Note,
    Order,
    OrderItem,
    Phone,
    Recording,
    Task,
    Transcript,
    User,
)

CARD_TIMELINE = 20
CARD_ORDERS = 5


def summaries(ids: list[int]) -> list[CustomerSummary]:
    """Result-list lines for these customers, in the order given (missing ids skipped)."""
    if not ids:
        return []
    rows = {int(c.id): c for c in Customer.select().where(Customer.id.in_(ids))}
    phones: dict[int, str] = {}
    region = default_region()
    query = Phone.live().where(Phone.customer.in_(ids)).order_by(Phone.id)
    for p in query:  # as the pop writes a number (03-3555-1234), not bare digits
        shown = display_phone(p.e164, region) if p.e164 else p.entered or p.national
        phones.setdefault(int(p.__data__["customer"]), str(shown))
    return [
        CustomerSummary(
            id=i,
            display_name=c.display_name,
            reading=c.reading,
            company=c.company,
            phone=phones.get(i, ""),
            kind=c.kind,
            vip=c.vip,
            caution=c.caution,
            blocked=c.blocked,
        )
        for i in ids
        if (c := rows.get(i)) is not None
    ]


def note_out(n: Note) -> NoteOut:
    """A note on the wire."""
    return NoteOut(
        id=n.id,
        customer_id=editing.fk_id(n, "customer") or 0,
        body=n.body,
        time_spent_s=n.time_spent_s,
        pinned=n.pinned,
        author=n.author_name,
        call_id=editing.fk_id(n, "call"),
        created_at=n.created_at,
        updated_at=n.updated_at,
        version=n.version,
    )


def order_out(o: Order, items: list[OrderItem] | None = None) -> OrderOut:
    """An order with its items on the wire."""
    return order_views.order_out(o, items)


def tasks_query() -> Any:
    """Live tasks with their customer and assignee joined (for task_out)."""
    return (
        Task.select(Task, Customer, User)
        .join(Customer, peewee.JOIN.LEFT_OUTER, on=(Task.customer == Customer.id))
        .switch(Task)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Task.assignee == User.id))
        .where(Task.deleted_at.is_null())
    )


def task_out(t: Task) -> TaskOut:
    """A task on the wire (customer and assignee names when joined or loadable)."""
    cid, uid = editing.fk_id(t, "customer"), editing.fk_id(t, "assignee")
    customer = t.customer if cid is not None else None
    user = t.assignee if uid is not None else None
    return TaskOut(
        id=t.id,
        kind=t.kind,
        reason=t.reason,
        state=t.state,
        customer_id=cid,
        customer_name=customer.display_name if customer is not None else None,
        call_id=editing.fk_id(t, "call"),
        due_at=t.due_at,
        assignee_id=uid,
        assignee=(user.display_name or user.username) if user is not None else None,
        done_at=t.done_at,
        created_at=t.created_at,
        version=t.version,
        missed_count=t.missed_count,
        last_missed_at=t.last_missed_at,
        missed_from=callbacks.caller_of(t.reason) if t.missed_count else None,
    )


def _user_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        int(u.id): str(u.display_name or u.username) for u in User.select().where(User.id.in_(ids))
    }


def timeline(customer_id: int, limit: int = CARD_TIMELINE) -> list[TimelineItem]:
    """Calls, notes, orders and manual interactions of a customer, newest first."""
    editing.get_row(Customer, customer_id, include_deleted=True)
    calls = list(
        Call.select()
        .where(Call.customer == customer_id)
        .order_by(Call.started_at.desc())
        .limit(limit)
    )
    manual = list(
        Interaction.live()
        .where(Interaction.customer == customer_id)
        .order_by(Interaction.occurred_at.desc())
        .limit(limit)
    )
    notes = list(
        Note.live()
        .where(Note.customer == customer_id)
        .order_by(Note.created_at.desc())
        .limit(limit)
    )
    bought = list(
        Order.live()
        .where(Order.customer == customer_id)
        .order_by(Order.ordered_at.desc())
        .limit(limit)
    )
    names = _user_names({u for r in (*calls, *manual) if (u := editing.fk_id(r, "user"))})
    items = [
        TimelineItem(
            at=c.started_at,
            kind="call",
            direction=c.direction,
            summary=c.disposition or c.state,
            ref=c.id,
            by=names.get(editing.fk_id(c, "user") or 0),
        )
        for c in calls
    ]
    items += [
        TimelineItem(
            at=i.occurred_at,
            kind=i.kind,
            direction=i.direction,
            summary=i.summary,
            ref=i.id,
            by=names.get(editing.fk_id(i, "user") or 0),
            time_spent_s=i.time_spent_s or 0,
        )
        for i in manual
    ]
    items += [
        TimelineItem(
            at=n.created_at,
            kind="note",
            summary=n.body if len(n.body) <= 200 else n.body[:199] + "…",  # whole: GET notes
            ref=n.id,
            by=n.author_name or None,
            time_spent_s=n.time_spent_s or 0,
        )
        for n in notes
    ]
    items += [
        TimelineItem(
            at=o.ordered_at,
            kind="order",
            summary=f"{o.total} {o.currency} ({o.status})",
            ref=o.id,
            amount=o.total,
            currency=o.currency,
            status=o.status,
        )
        for o in bought
    ]
    items += _recording_items(customer_id, limit)
    items.sort(key=lambda t: t.at, reverse=True)
    return items[:limit]


def _recording_items(customer_id: int, limit: int) -> list[TimelineItem]:
    """The customer's recordings as timeline lines: length, then the start of the transcript."""
    recs = list(
        Recording.select()
        .join(Call)
        .where(Call.customer == customer_id)
        .order_by(Recording.started_at.desc())
        .limit(limit)
    )
    said = (
        {
            int(tr.__data__["recording"]): str(tr.text)
            for tr in Transcript.select().where(Transcript.recording.in_([r.id for r in recs]))
        }
        if recs
        else {}
    )
    return [
        TimelineItem(
            at=r.started_at,
            kind="recording",
            direction=str(r.kind),
            summary=f"{float(r.duration_s or 0):.0f} s  {said.get(int(r.id), '')}".strip()[:200],
            ref=r.id,
        )
        for r in recs
    ]


def card(customer_id: int, *, include_deleted: bool = False) -> CustomerCard:
    """Everything a desk shows about one customer (NotFound when missing or deleted)."""
    c = editing.get_row(Customer, customer_id, include_deleted=include_deleted)
    cid = int(c.id)
    pinned = Note.live().where((Note.customer == cid) & Note.pinned).order_by(Note.id.desc())
    recent = orders.recent_orders(cid, CARD_ORDERS)
    items: dict[int, list[OrderItem]] = {}
    if recent:
        query = OrderItem.select().where(OrderItem.order.in_([o.id for o in recent]))
        for it in query.order_by(OrderItem.id):
            items.setdefault(int(it.__data__["order"]), []).append(it)
    open_tasks = tasks_query().where((Task.customer == cid) & (Task.state == "open"))
    fields = {k: getattr(c, k) for k in CustomerCard.model_fields if k in Customer._meta.fields}
    rank, rfm = figures.badge(cid)
    return CustomerCard(
        **fields,
        custom=attributes.custom_values(cid),
        phones=[
            PhoneOut(
                id=p.id,
                number=p.entered or p.national,
                e164=p.e164,
                national=p.national,
                label=p.label,
                version=p.version,
            )
            for p in Phone.live().where(Phone.customer == cid).order_by(Phone.id)
        ],
        emails=[
            EmailOut(id=e.id, address=e.address, label=e.label, version=e.version)
            for e in Email.live().where(Email.customer == cid).order_by(Email.id)
        ],
        addresses=[
            AddressOut(**{k: getattr(a, k) for k in AddressOut.model_fields})
            for a in Address.live().where(Address.customer == cid).order_by(Address.id)
        ],
        tags=tags.tags_of(cid),
        pinned_notes=[note_out(n) for n in pinned],
        timeline=timeline(cid),
        orders=[order_out(o, items.get(int(o.id), [])) for o in recent],
        open_tasks=[task_out(t) for t in open_tasks.order_by(Task.due_at.is_null(), Task.due_at)],
        deleted=c.deleted_at is not None,
        rank=rank,
        rfm=rfm,
    )


def restale(exc: StaleEdit, current: BaseModel) -> StaleEdit:
    """The same stale-edit refusal, carrying the row in its wire shape."""
    return StaleEdit(exc.entity, exc.row_id, exc.expected, current.model_dump(mode="json"))
