"""Wire models of a customer: contact points, profile, edits, history and the card."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import Direction, Gender, InteractionKind, Text, UtcTime, Version
from appliance.contract.notes import NoteOut
from appliance.contract.orders import OrderOut
from appliance.contract.tasks import TaskOut

__all__ = [
    "AddressIn",
    "AddressOut",
    "CustomerCard",
    "CustomerFields",
    "CustomerIn",
    "CustomerPatch",
    "CustomerSummary",
    "EmailIn",
    "EmailOut",
    "InteractionIn",
    "PhoneIn",
    "PhoneOut",
    "TimelineItem",
]


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

    at: UtcTime
    kind: str  # call | note | order | recording | email | fax | visit | sms | letter | web
    direction: str = ""
    summary: str = ""
    ref: int  # the id of the call / note / order / interaction
    by: str | None = None  # who handled or wrote it
    time_spent_s: int = 0  # notes and manual interactions
    amount: int | None = None  # orders: the total in minor units, for the desk to format
    currency: str = ""
    status: str = ""  # orders: open | confirmed | delivered | cancelled


class InteractionIn(BaseModel):
    """A contact that did not come through the phone line."""

    kind: InteractionKind
    summary: str = Field(default="", max_length=20000)
    direction: Direction = "in"
    occurred_at: UtcTime | None = None
    time_spent_s: int = Field(default=0, ge=0, le=86400)


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
    rank: str | None = None  # A/B/C by spend over the shop's window; None before any order
    rfm: str | None = None  # recency, frequency, money scores 1-5, e.g. "545"
    deleted: bool = False
    created_at: UtcTime
    updated_at: UtcTime
