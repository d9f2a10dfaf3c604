"""Wire models of edits to a customer's phones, emails and addresses (versioned, per row)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import Text, Version

__all__ = ["CONTACT_KINDS", "AddressPatch", "ContactKind", "EmailPatch", "PhonePatch"]

ContactKind = Literal["phone", "email", "address"]
CONTACT_KINDS: tuple[ContactKind, ...] = ("phone", "email", "address")


class PhonePatch(BaseModel):
    """A phone edit: the version it is based on plus what changes."""

    version: Version
    number: str | None = Field(default=None, min_length=1, max_length=64)
    label: str | None = Field(default=None, max_length=64)


class EmailPatch(BaseModel):
    """An email edit: the version it is based on plus what changes."""

    version: Version
    address: str | None = Field(default=None, min_length=3, max_length=254)
    label: str | None = Field(default=None, max_length=64)


class AddressPatch(BaseModel):
    """An address edit: the version it is based on plus the parts that change."""

    version: Version
    label: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=64)
    postal_code: str | None = Field(default=None, max_length=16)
    prefecture: Text | None = None
    city: Text | None = None
    line1: Text | None = None
    line2: Text | None = None
    delivery_notes: str | None = Field(default=None, max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
