"""Wire models of the CRM resources; re-exported by schema.py, so desks import them from there."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from appliance.api.schema_pop import PopOut

# Field lengths are bounds, not business rules: the box's core re-checks and normalises.

MAX_ID = 2**53  # ids and versions the JSON of any desk can carry exactly
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]
Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=20000)]
Gender = Literal["female", "male", "other", "unknown"]
InteractionKind = Literal["email", "fax", "visit", "sms", "letter", "web"]
Direction = Literal["in", "out"]
Channel = Literal["phone", "web", "store", "fax", "email", "other"]
OrderStatus = Literal["open", "confirmed", "delivered", "cancelled"]
TaskState = Literal["open", "done", "cancelled"]
TaskKind = Literal["callback", "task"]


class StaleOut(BaseModel):
    """409 for a stale edit: the message and the row as it is now (a CustomerCard for customers,
    a NoteOut / TaskOut for those), so the desk can show what changed."""

    detail: str
    current: dict[str, Any]


class PhoneIn(BaseModel):
    """A number as typed (any form the phonenumbers library reads) and its label."""

    number: str = Field(min_length=1, max_length=64)
    label: str = Field(default="", max_length=64)


class PhoneOut(BaseModel):
    """A stored number: as entered, E.164 (None when it did not parse) and national digits."""

    id: int
    number: str
    e164: str | None
    national: str
    label: str
    version: int


class EmailIn(BaseModel):
    """An email address and its label."""

    address: str = Field(min_length=3, max_length=254)
    label: str = Field(default="", max_length=64)


class EmailOut(BaseModel):
    """A stored email address."""

    id: int
    address: str
    label: str
    version: int


class AddressIn(BaseModel):
    """A postal address with delivery notes and optional coordinates."""

    label: str = Field(default="", max_length=64)
    country: str = Field(default="JP", max_length=64)
    postal_code: str = Field(default="", max_length=16)
    prefecture: Text = ""
    city: Text = ""
    line1: Text = ""
    line2: Text = ""
    delivery_notes: str = Field(default="", max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class AddressOut(BaseModel):
    """A stored address (no input bounds: normalising can lengthen text)."""

    id: int
    label: str = ""
    country: str = "JP"
    postal_code: str = ""
    prefecture: str = ""
    city: str = ""
    line1: str = ""
    line2: str = ""
    delivery_notes: str = ""
    lat: float | None = None
    lon: float | None = None
    version: int


class CustomerSummary(BaseModel):
    """One line of a result list (search, lookup, segment)."""

    id: int
    display_name: str
    reading: str = ""
    company: str = ""
    phone: str = ""
    kind: str = "person"
    vip: bool = False
    caution: bool = False
    blocked: bool = False


class CustomerFields(BaseModel):
    """The editable profile of a customer (shared by CustomerIn and CustomerCard)."""

    kind: Literal["person", "company"] = "person"
    reading: Text = ""
    company: Text = ""
    department: Text = ""
    title: Text = ""
    gender: Gender = "unknown"
    birth_date: dt.date | None = None
    birthplace: Text = ""
    occupation: Text = ""
    interests: str = Field(default="", max_length=4000)
    household: Text = ""
    income_band: str = Field(default="", max_length=64)
    vip: bool = False
    caution: bool = False
    caution_note: str = Field(default="", max_length=4000)
    blocked: bool = False


class CustomerIn(CustomerFields):
    """A new customer with its first phones, emails, addresses, tags and custom values."""

    display_name: str = Field(min_length=1, max_length=200)
    phones: list[PhoneIn] = Field(default_factory=list, max_length=20)
    emails: list[EmailIn] = Field(default_factory=list, max_length=20)
    addresses: list[AddressIn] = Field(default_factory=list, max_length=20)
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=50
    )
    custom: dict[str, str] = Field(default_factory=dict, max_length=100)


class CustomerPatch(BaseModel):
    """An edit: the version it is based on plus only the fields that change.

    `tags` (when given) replaces the tag set; `custom` sets values ("" clears one)."""

    version: Version
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: Literal["person", "company"] | None = None
    reading: Text | None = None
    company: Text | None = None
    department: Text | None = None
    title: Text | None = None
    gender: Gender | None = None
    birth_date: dt.date | None = None
    birthplace: Text | None = None
    occupation: Text | None = None
    interests: str | None = Field(default=None, max_length=4000)
    household: Text | None = None
    income_band: str | None = Field(default=None, max_length=64)
    vip: bool | None = None
    caution: bool | None = None
    caution_note: str | None = Field(default=None, max_length=4000)
    blocked: bool | None = None
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(
        default=None, max_length=50
    )
    custom: dict[str, str] | None = Field(default=None, max_length=100)


class TimelineItem(BaseModel):
    """One line of a customer's history: a call, note, order or manual interaction."""

    at: dt.datetime
    kind: str  # call | note | order | recording | email | fax | visit | sms | letter | web
    direction: str = ""
    summary: str = ""
    ref: int  # the id of the call / note / order / interaction
    by: str | None = None  # who handled or wrote it
    time_spent_s: int = 0  # notes and manual interactions


class InteractionIn(BaseModel):
    """A contact that did not come through the phone line."""

    kind: InteractionKind
    summary: str = Field(default="", max_length=20000)
    direction: Direction = "in"
    occurred_at: dt.datetime | None = None
    time_spent_s: int = Field(default=0, ge=0, le=86400)


class NoteIn(BaseModel):
    """A note, often written during a call; seconds spent on it; pinned notes show on the pop."""

    body: str = Field(min_length=1, max_length=20000)
    time_spent_s: int = Field(default=0, ge=0, le=86400)
    pinned: bool = False
    call_id: Id | None = None


class NotePatch(BaseModel):
    """An edit of a note: its version plus what changes (add_time_s adds to time spent)."""

    version: Version
    body: str | None = Field(default=None, min_length=1, max_length=20000)
    add_time_s: int = Field(default=0, ge=0, le=86400)
    pinned: bool | None = None


class NoteOut(BaseModel):
    """A stored note."""

    id: int
    customer_id: int
    body: str
    time_spent_s: int
    pinned: bool
    author: str
    call_id: int | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class ProductOut(BaseModel):
    """Something sold; prices in minor units of the currency (yen, cents)."""

    id: int
    sku: str
    name: str
    reading: str
    unit_price: int
    currency: str
    active: bool


class OrderItemIn(BaseModel):
    """One line: a product (its current price unless unit_price is given) or a description."""

    product_id: Id | None = None
    qty: int = Field(default=1, ge=1, le=10000)
    description: Text = ""
    unit_price: int | None = Field(default=None, ge=0, le=10**9)


class OrderIn(BaseModel):
    """A new order; the box computes every total."""

    items: list[OrderItemIn] = Field(min_length=1, max_length=200)
    channel: Channel = "phone"
    status: OrderStatus = "open"
    call_id: Id | None = None
    note: str = Field(default="", max_length=4000)


class OrderItemOut(BaseModel):
    """A stored order line with its total."""

    product_id: int | None
    description: str
    qty: int
    unit_price: int
    line_total: int


class OrderOut(BaseModel):
    """A stored order with its items and total."""

    id: int
    customer_id: int
    ordered_at: dt.datetime
    channel: str
    status: str
    total: int
    currency: str
    note: str
    call_id: int | None = None
    items: list[OrderItemOut] = Field(default_factory=list)
    version: int


class TaskIn(BaseModel):
    """A new task or callback."""

    reason: str = Field(default="", max_length=4000)
    kind: TaskKind = "callback"
    customer_id: Id | None = None
    due_at: dt.datetime | None = None
    assignee_id: Id | None = None
    call_id: Id | None = None


class TaskPatch(BaseModel):
    """An edit of a task: its version plus a new state, due time and/or assignee."""

    version: Version
    state: TaskState | None = None
    due_at: dt.datetime | None = None
    assignee_id: Id | None = None


class TaskOut(BaseModel):
    """A stored task or callback."""

    id: int
    kind: str
    reason: str
    state: str
    customer_id: int | None = None
    customer_name: str | None = None
    call_id: int | None = None
    due_at: dt.datetime | None = None
    assignee_id: int | None = None
    assignee: str | None = None
    done_at: dt.datetime | None = None
    created_at: dt.datetime
    version: int


class CustomerCard(BaseModel):
    """Everything a desk shows about one customer; `version` goes back with the next PATCH.

    The profile fields are those of CustomerIn, without input bounds (stored text is NFKC
    normalised, which can lengthen it)."""

    id: int
    version: int
    display_name: str
    kind: str = "person"
    reading: str = ""
    company: str = ""
    department: str = ""
    title: str = ""
    gender: str = "unknown"
    birth_date: dt.date | None = None
    birthplace: str = ""
    occupation: str = ""
    interests: str = ""
    household: str = ""
    income_band: str = ""
    vip: bool = False
    caution: bool = False
    caution_note: str = ""
    blocked: bool = False
    custom: dict[str, str] = Field(default_factory=dict)
    phones: list[PhoneOut] = Field(default_factory=list)
    emails: list[EmailOut] = Field(default_factory=list)
    addresses: list[AddressOut] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    pinned_notes: list[NoteOut] = Field(default_factory=list)
    timeline: list[TimelineItem] = Field(default_factory=list)
    orders: list[OrderOut] = Field(default_factory=list)
    open_tasks: list[TaskOut] = Field(default_factory=list)
    deleted: bool = False
    created_at: dt.datetime
    updated_at: dt.datetime


class CallOut(BaseModel):
    """A call as the log and the `call` event show it; desk/user are who has (claimed) it."""

    id: int
    line: str
    direction: str
    state: str  # ringing | answered | missed | ended | dialing
    started_at: dt.datetime
    answered_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    duration_s: float | None = None
    number: str = ""
    number_e164: str | None = None
    number_display: str | None = None  # 03-1234-5678 at home, +1 415-555-0142 from abroad
    caller_name: str = ""
    reason: str | None = None  # P/C/O/S/E when no number was sent
    customer_id: int | None = None
    customer_name: str | None = None
    desk_id: int | None = None
    desk_name: str | None = None
    user_id: int | None = None
    user_name: str | None = None
    disposition: str = ""
    missed: bool = False
    event: str | None = None  # on `call` events: claimed | handed_off | attached | ...


class ClaimRefusedOut(BaseModel):
    """409 on a claim: who has the call."""

    detail: str
    desk_id: int | None = None
    desk_name: str | None = None
    user_name: str | None = None


class HandoffIn(BaseModel):
    """Hand a call's card to another desk."""

    desk_id: Id


class AttachIn(BaseModel):
    """Attach the call's (unknown) number to a customer, adding it to their phones."""

    customer_id: Id
    label: str = Field(default="", max_length=64)


class SegmentOut(BaseModel):
    """A condition search: the query as read, how many match, and the first matches."""

    query: str
    count: int
    customers: list[CustomerSummary] = Field(default_factory=list)


class SavedSegmentIn(BaseModel):
    """A named condition search to keep."""

    name: str = Field(min_length=1, max_length=100)
    query: str = Field(min_length=1, max_length=1000)


class SavedSegmentOut(SavedSegmentIn):
    """A kept condition search."""

    id: int


class UserIn(BaseModel):
    """Admin: a new user with a role and a first password (>= 8 characters)."""

    username: str = Field(min_length=1, max_length=64)
    display_name: str = Field(default="", max_length=100)
    role: Literal["admin", "manager", "operator"] = "operator"
    password: str = Field(min_length=8, max_length=1024)


class UserPatch(BaseModel):
    """Admin: change a user (version plus changes); a new password ends their sessions."""

    version: Version
    display_name: str | None = Field(default=None, max_length=100)
    role: Literal["admin", "manager", "operator"] | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    unlock: bool = False  # clear throttling and a hard lock


class UserOut(BaseModel):
    """A user as the admin sees it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked: bool  # throttled now or hard-locked
    hard_locked: bool
    version: int


class DeskOut(BaseModel):
    """A paired (or revoked) desk."""

    id: int
    name: str
    fingerprint: str
    paired_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    last_seen_at: dt.datetime | None = None
    version: int


class SettingsOut(BaseModel):
    """Box settings as key -> JSON value (region, currency, ... and site-specific keys)."""

    values: dict[str, Any] = Field(default_factory=dict)


class SettingsIn(BaseModel):
    """Settings to change (keys not given stay as they are)."""

    values: dict[str, Any] = Field(max_length=100)


class ActiveCallOut(CallOut):
    """A call ringing or in progress with its current screen pop (when the box has one)."""

    pop: PopOut | None = None
