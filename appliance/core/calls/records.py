"""The database side of the call flow: call rows, caller lookup, callbacks and the pop."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.calls.machine import Transition
from appliance.core.calls.pop import (
    PopCustomer,
    PopInteraction,
    PopNote,
    PopOrder,
    PopTask,
    ScreenPop,
)
from appliance.core.calls.reasons import reason_words
from appliance.core.errors import InvalidInput
from appliance.core.lookup import lookup_by_number
from appliance.core.normalize import display_phone, parse_phone, phone_lookup_keys
from appliance.db.models import (
    Address,
    BlockList,
    Call,
    Customer,
    CustomerTag,
    Note,
    Order,
    OrderItem,
    Phone,
    Tag,
    Task,
    User,
    database_proxy,
)
from appliance.db.models.base import utcnow

RECENT_CALLS = 5
LAST_ORDERS = 3

ACTOR = Actor.system("call-flow")


class DbCallRecords:
    """CallRecords on the box's database; every method runs on the db thread."""

    def __init__(self, region: str = "JP", *, missed_callbacks: bool = True) -> None:
        self.region = region
        self.missed_callbacks = missed_callbacks

    def call_started(self, t: Transition) -> int:
        """Write the call row at its first event, so a power cut never loses a call."""
        with database_proxy.atomic():
            call = Call.create(line=t.line, started_at=_naive(t.at), state="ringing")
            audit.record(ACTOR, "call", call.id, "create", after={"line": t.line})
        return int(call.id)

    def call_identified(self, call_id: int, t: Transition) -> ScreenPop:
        """Store the caller ID, attach the customer when unique, and assemble the pop."""
        cid = t.caller
        assert cid is not None
        number = cid.number or ""
        e164, national, display = None, "", number or None
        if number:
            try:
                parts = parse_phone(number, self.region)
                e164, national = parts.e164, parts.national
            except InvalidInput:
                national = "".join(ch for ch in number if ch.isdigit())
        customers = lookup_by_number(number, self.region) if number else []
        blocked = bool(number) and _is_blocked(number, self.region)
        with database_proxy.atomic():
            call = Call.get_by_id(call_id)
            call.raw_cid = "\n".join(cid.raw)
            call.standard = cid.standard.value
            call.number = number
            call.number_e164 = e164
            call.number_national = national
            call.caller_name = cid.name or ""
            call.reason = cid.reason.value if cid.reason else None
            if len(customers) == 1:
                call.customer = customers[0]
            call.save()
            # every committed change has its audit row: the desks' change stream follows them
            audit.record(ACTOR, "call", call_id, "caller_id", None,
                         {"identified": len(customers) == 1})  # fmt: skip
        if e164:
            display = display_phone(e164, self.region)
        reason = cid.reason.value if cid.reason else None
        return ScreenPop(
            call_id=call_id,
            line=t.line,
            at=t.at,
            number=number or None,
            number_display=display,
            cid_name=cid.name,
            reason=reason,
            reason_ja=reason_words(reason, "ja"),
            reason_en=reason_words(reason, "en"),
            customers=tuple(card(c, exclude_call=call_id) for c in customers),
            blocked_number=blocked or any(c.blocked for c in customers),
        )

    def call_progress(self, call_id: int, t: Transition) -> None:
        """Answered / ended / missed on the call row; a missed call becomes a callback."""
        with database_proxy.atomic():
            call = Call.get_by_id(call_id)
            at = _naive(t.at)
            if t.kind == "answered":
                call.state, call.answered_at = "answered", at
            elif t.kind == "ended":
                call.state, call.ended_at = "ended", at
                start = call.answered_at or call.started_at
                call.duration_s = max(0.0, (at - start).total_seconds())
                call.disposition = call.disposition or (
                    "remote_hangup" if t.remote_hangup else "completed"
                )
            elif t.kind == "missed" and getattr(call, "user_id", None) is not None:
                # claimed at a desk, then the ringing stopped: picked up on an extension
                call.state, call.answered_at = "answered", call.answered_at or at
                call.disposition = "taken_at_desk"
            elif t.kind == "missed":
                call.state, call.ended_at, call.disposition = "missed", at, "missed"
                if self.missed_callbacks:
                    _missed_callback(call, t)
            call.save()
            audit.record(ACTOR, "call", call_id, t.kind, None, {"state": call.state})


def card(c: Customer, *, exclude_call: int | None = None) -> PopCustomer:
    """One customer's card: index lookups only, so it costs the same at 1M calls."""
    cid = int(c.id)
    addr = (
        Address.select()
        .where((Address.customer == cid) & Address.deleted_at.is_null())
        .order_by(Address.id)
        .first()
    )
    pinned = (
        Note.select()
        .where((Note.customer == cid) & Note.pinned & Note.deleted_at.is_null())
        .order_by(Note.id.desc())
        .limit(3)
    )
    orders = list(
        Order.select()
        .where((Order.customer == cid) & Order.deleted_at.is_null())
        .order_by(Order.ordered_at.desc())
        .limit(LAST_ORDERS)
    )
    items: dict[int, list[str]] = {}
    if orders:
        rows: Any = (
            OrderItem.select(OrderItem.order, OrderItem.description, OrderItem.qty)
            .where(OrderItem.order.in_([o.id for o in orders]))
            .order_by(OrderItem.id)
            .dicts()
        )
        for it in rows:
            desc, qty = str(it["description"]), int(it["qty"])
            items.setdefault(int(it["order"]), []).append(f"{desc}×{qty}" if qty != 1 else desc)
    tasks = (
        Task.select(Task, User)
        .join(User, on=(Task.assignee == User.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where((Task.customer == cid) & (Task.state == "open") & Task.deleted_at.is_null())
        .order_by(Task.due_at)
        .limit(5)
    )
    mine = Call.customer == cid
    if exclude_call is not None:
        mine = mine & (Call.id != exclude_call)
    recent = list(
        Call.select(Call, User)
        .join(User, on=(Call.user == User.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where(mine)
        .order_by(Call.started_at.desc())
        .limit(RECENT_CALLS)
    )
    tags = tuple(
        str(t.name)
        for t in Tag.select(Tag.name)
        .join(CustomerTag, on=(CustomerTag.tag == Tag.id))
        .where(CustomerTag.customer == cid)
    )
    phone = (
        Phone.select()
        .where((Phone.customer == cid) & Phone.deleted_at.is_null())
        .order_by(Phone.id)
        .first()
    )
    return PopCustomer(
        customer_id=cid,
        display_name=str(c.display_name),
        reading=str(c.reading) or None,
        company=str(c.company) or None,
        phone_label=str(phone.label) if phone is not None and phone.label else None,
        address=_address_text(addr) if addr else None,
        delivery_notes=str(addr.delivery_notes) if addr and addr.delivery_notes else None,
        vip=bool(c.vip),
        caution=bool(c.caution),
        blocked=bool(c.blocked),
        tags=tags,
        pinned_notes=tuple(
            PopNote(str(n.body), str(n.author_name) or None, n.created_at) for n in pinned
        ),
        last_orders=tuple(
            PopOrder(
                int(o.id),
                o.ordered_at,
                int(o.total),
                str(o.status),
                tuple(items.get(int(o.id), [])),
            )
            for o in orders
        ),
        open_tasks=tuple(
            PopTask(
                int(tk.id),
                tk.due_at,
                str(tk.reason),
                _user_name(tk, "assignee"),
            )
            for tk in tasks
        ),
        recent=tuple(
            PopInteraction(
                r.started_at,
                "call",
                str(r.disposition or r.state),
                _user_name(r, "user"),
            )
            for r in recent
        ),
        call_count=Call.select().where(mine).count(),
        last_call_at=recent[0].started_at if recent else None,
    )


def _missed_callback(call: Call, t: Transition) -> None:
    who = call.caller_name or call.number or reason_words(call.reason, "ja") or ""
    task = Task.create(
        kind="callback",
        customer=getattr(call, "customer_id", None),
        call=call.id,
        due_at=utcnow(),
        reason=f"不在着信 / missed call: {who}".strip(),
    )
    audit.record(ACTOR, "task", task.id, "create", after={"call": call.id, "kind": "callback"})


def _user_name(row: object, attr: str) -> str | None:
    if getattr(row, f"{attr}_id", None) is None:
        return None
    user = getattr(row, attr)
    return str(user.display_name or user.username)


def _is_blocked(number: str, region: str) -> bool:
    try:
        keys = phone_lookup_keys(number, region)
    except InvalidInput:
        return False
    e164 = [k for k in keys if k.startswith("+")]
    national = [k for k in keys if not k.startswith("+")]
    cond = BlockList.national.in_(national)
    if e164:
        cond = cond | BlockList.e164.in_(e164)
    return BlockList.select().where(cond & BlockList.deleted_at.is_null()).exists()


def _address_text(a: Address) -> str:
    parts = [a.postal_code, a.prefecture, a.city, a.line1, a.line2]
    return " ".join(str(p) for p in parts if p)


def _naive(at: datetime) -> datetime:
    return at.replace(tzinfo=None)
