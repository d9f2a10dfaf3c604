"""Wire models of business cards: what a scan read, who it may be, and a card kept with a
customer with where and when it was exchanged."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from appliance.contract.customers import CustomerIn

Short = str


class CardPhoneOut(BaseModel):
    """A phone number read off a card with its label."""

    kind: Literal["tel", "fax", "mobile"]
    number: str = Field(max_length=64)


class CardFieldsOut(BaseModel):
    """The fields of a business card (as read, or as a person corrected them)."""

    name: str = Field(default="", max_length=200)
    reading: str = Field(default="", max_length=200)
    company: str = Field(default="", max_length=200)
    department: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=200)
    postal_code: str = Field(default="", max_length=16)
    address: str = Field(default="", max_length=400)
    phones: list[CardPhoneOut] = Field(default_factory=list, max_length=10)
    email: str = Field(default="", max_length=254)
    url: str = Field(default="", max_length=400)


class CardMatchOut(BaseModel):
    """An existing customer the card may belong to, and why (phone, email or name)."""

    customer_id: int
    display_name: str
    company: str | None = None
    by: Literal["phone", "email", "name"]


class CardScanOut(BaseModel):
    """A scan held on the box for a while under `token`: its fields, confidence and matches."""

    token: str
    fields: CardFieldsOut
    confidence: dict[str, float] = {}
    vertical: bool = False
    matches: list[CardMatchOut] = []


class CardSaveIn(BaseModel):
    """Keep a scan: with an existing customer, or with a new one made from `new_customer`."""

    token: str = Field(min_length=8, max_length=64)
    customer_id: int | None = Field(default=None, ge=1)
    new_customer: CustomerIn | None = None
    fields: CardFieldsOut
    exchanged_on: dt.date | None = None
    exchanged_where: str = Field(default="", max_length=200)


class BusinessCardOut(BaseModel):
    """A business card kept with a customer."""

    card_id: int
    customer_id: int | None
    fields: CardFieldsOut
    exchanged_on: dt.date | None = None
    exchanged_where: str = ""
    has_image: bool = False
