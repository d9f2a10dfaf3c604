"""Wire models of orders; amounts in minor units of the currency, times in UTC."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import Channel, Id, OrderStatus, Text, UtcTime, Version

__all__ = [
    "BoardOut",
    "CloseoutOut",
    "DaySummaryOut",
    "DriverIn",
    "OrderDraftOut",
    "OrderIn",
    "OrderItemIn",
    "OrderItemOut",
    "OrderOut",
    "OrderTaxOut",
    "Payment",
    "QuoteOut",
    "RankedAddressOut",
    "Service",
    "StatusIn",
]

Service = Literal["delivery", "pickup", "eat_in"]
Payment = Literal["cash", "card", "qr"]


class OrderItemIn(BaseModel):
    """One line: a product (its current price unless unit_price is given) with options of its
    own, or a free description with a price; remarks like わさび抜き."""

    product_id: Id | None = None
    qty: int = Field(default=1, ge=1, le=10000)
    description: Text = ""
    unit_price: int | None = Field(default=None, ge=0, le=10**9)
    option_ids: list[Id] = Field(default_factory=list, max_length=50)
    remarks: Text = ""


class OrderIn(BaseModel):
    """A new order; the box computes every total, the tax and the promise time. requested_at
    None means as soon as possible; tendered is the cash the customer pays with (change for)."""

    items: list[OrderItemIn] = Field(min_length=1, max_length=200)
    channel: Channel = "phone"
    status: OrderStatus = "received"
    call_id: Id | None = None
    note: str = Field(default="", max_length=4000)
    service: Service = "delivery"
    requested_at: UtcTime | None = None
    payment: Payment = "cash"
    tendered: int | None = Field(default=None, ge=0, le=10**9)
    address_id: Id | None = None


class OrderItemOut(BaseModel):
    """A stored order line: unit price includes its options; reduced marks the reduced rate."""

    product_id: int | None
    description: str
    qty: int
    unit_price: int
    line_total: int
    options: list[str] = Field(default_factory=list)
    option_prices: list[int] = Field(default_factory=list)
    remarks: str = ""
    tax_rate_bp: int = 0
    reduced: bool = False


class OrderTaxOut(BaseModel):
    """One tax rate of the order: the amount at that rate as priced and its tax."""

    rate_bp: int
    reduced: bool
    amount: int
    tax: int


class OrderOut(BaseModel):
    """A stored order with its items, totals and tax per rate; total includes the fee."""

    id: int
    customer_id: int
    ordered_at: UtcTime
    channel: str
    status: str
    total: int
    currency: str
    note: str
    call_id: int | None = None
    items: list[OrderItemOut] = Field(default_factory=list)
    version: int
    service: str = "delivery"
    requested_at: UtcTime | None = None
    promise_at: UtcTime | None = None
    payment: str = "cash"
    tendered: int | None = None
    change: int | None = None
    address_id: int | None = None
    address: str = ""
    delivery_notes: str = ""
    delivery_fee: int = 0
    subtotal: int = 0
    tax_total: int = 0
    taxes: list[OrderTaxOut] = Field(default_factory=list)
    prices_include_tax: bool = True
    business_date: dt.date | None = None
    day_no: int = 0
    driver_id: int | None = None
    driver: str = ""
    customer_name: str = ""
    phone: str = ""
    status_at: UtcTime | None = None


class QuoteOut(BaseModel):
    """What an order would come to, priced by the box and not stored (the desk's running
    total): items with their rate, tax per rate, total (with the fee), the change."""

    items: list[OrderItemOut]
    subtotal: int
    delivery_fee: int
    taxes: list[OrderTaxOut]
    tax_total: int
    total: int
    change: int | None = None
    prices_include_tax: bool = True


class RankedAddressOut(BaseModel):
    """One of the caller's addresses with how many orders went there."""

    address_id: int
    label: str
    text: str  # the address in one line, as its country writes it
    delivery_notes: str
    uses: int


class OrderDraftOut(BaseModel):
    """What an order from the pop starts with: the usual order's lines (at today's menu) and
    the caller's addresses, most used first."""

    usual_order_id: int | None = None
    usual: list[OrderItemIn] = Field(default_factory=list)
    usual_service: Service = "delivery"
    usual_payment: Payment = "cash"
    addresses: list[RankedAddressOut] = Field(default_factory=list)


class BoardOut(BaseModel):
    """The order board: the business day's orders and the ones still open from before."""

    business_date: dt.date
    orders: list[OrderOut]


class CloseoutOut(BaseModel):
    """A driver's close-out for a business day: deliveries, their total, the cash to bring."""

    business_date: dt.date
    driver_id: int
    driver: str
    orders: int
    done: int
    total: int
    cash_to_collect: int
    order_ids: list[int] = Field(default_factory=list)


class DaySummaryOut(BaseModel):
    """A business day's sales (cancelled orders left out of every sum)."""

    business_date: dt.date
    orders: int
    cancelled: int
    by_status: dict[str, int]
    sales: int
    delivery_fees: int
    taxes: list[OrderTaxOut]
    by_payment: dict[str, int]
    by_service: dict[str, int]


class StatusIn(BaseModel):
    """Move an order on the board, at its version."""

    version: Version
    status: OrderStatus


class DriverIn(BaseModel):
    """Give a delivery to a driver (a user id), or take it back (null), at its version."""

    version: Version
    driver_id: Id | None = None
