"""The screen pop: what a desk shows the moment a call is identified."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PopNote:
    """A pinned note on the card."""

    body: str
    author: str | None
    at: datetime


@dataclass(frozen=True)
class PopOrder:
    """One recent order, summarised."""

    order_id: int
    at: datetime
    total: int
    status: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class PopTask:
    """An open callback or task for this customer."""

    task_id: int
    due: datetime | None
    reason: str
    assignee: str | None


@dataclass(frozen=True)
class PopInteraction:
    """One past contact and who handled it."""

    at: datetime
    kind: str
    summary: str
    handled_by: str | None


@dataclass(frozen=True)
class PopCustomer:
    """A matched customer's card, everything a desk needs before saying hello."""

    customer_id: int
    display_name: str
    reading: str | None
    company: str | None
    phone_label: str | None
    address: str | None
    delivery_notes: str | None
    vip: bool = False
    caution: bool = False
    blocked: bool = False
    tags: tuple[str, ...] = ()
    pinned_notes: tuple[PopNote, ...] = ()
    last_orders: tuple[PopOrder, ...] = ()
    open_tasks: tuple[PopTask, ...] = ()
    recent: tuple[PopInteraction, ...] = ()
    call_count: int = 0
    last_call_at: datetime | None = None


@dataclass(frozen=True)
class ScreenPop:
    """A call's pop: the raw caller ID, words for a reason, and zero, one or several cards."""

    call_id: int
    line: str
    at: datetime
    number: str | None
    number_display: str | None
    cid_name: str | None
    reason: str | None
    reason_ja: str | None
    reason_en: str | None
    customers: tuple[PopCustomer, ...] = ()
    blocked_number: bool = False
    locked: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def shared(self) -> bool:
        """True when several customers share the number: the desk picks one."""
        return len(self.customers) > 1
