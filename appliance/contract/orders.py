"""Wire models of products and orders; amounts in minor units of the currency."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from appliance.contract.fields import Channel, Id, OrderStatus, Text

__all__ = ["OrderIn", "OrderItemIn", "OrderItemOut", "OrderOut"]


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
