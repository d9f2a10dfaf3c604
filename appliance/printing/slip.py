"""A slip to print: a kitchen ticket or a delivery slip, with everything it shows already worked
out (the order's builder computes totals and tax; printing only lays them out)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args
from urllib.parse import quote

SlipKind = Literal["kitchen", "delivery"]
Service = Literal["delivery", "pickup", "eat_in"]
PaymentMethod = Literal["cash", "card", "qr", "invoice", "paid"]
KINDS: tuple[str, ...] = get_args(SlipKind)


@dataclass(frozen=True)
class SlipItem:
    """One ordered line: amount is the line's tax-inclusive total in minor units; reduced_rate
    marks an item taxed at the reduced rate (Japan: 8 %, printed with ※)."""

    name: str
    qty: int = 1
    amount: int = 0
    options: tuple[str, ...] = ()  # 大盛り, ネギ抜き (+¥100): already worded with their price
    remarks: str = ""  # わさび抜き
    reduced_rate: bool = False


@dataclass(frozen=True)
class TaxLine:
    """One tax rate of the receipt: base is the tax-inclusive amount taxed at rate_percent
    (「10%対象 ¥1,100」) and tax the tax it contains (「内消費税 ¥100」)."""

    rate_percent: float
    base: int
    tax: int
    reduced: bool = False


@dataclass(frozen=True)
class Payment:
    """How the customer pays; tendered is the cash they pay with (お釣り is worked out here)."""

    method: PaymentMethod = "cash"
    tendered: int | None = None

    def change(self, total: int) -> int | None:
        """The change to bring for `total`, or None when no cash amount was named."""
        if self.method != "cash" or self.tendered is None:
            return None
        return max(0, self.tendered - total)


@dataclass(frozen=True)
class Slip:
    """Everything a kitchen ticket or delivery slip prints; times are the shop's local time,
    amounts are minor units of `currency` (yen, cents)."""

    kind: SlipKind
    shop_name: str
    order_no: str
    business_date: dt.date
    ordered_at: dt.datetime
    items: tuple[SlipItem, ...]
    promise_at: dt.datetime | None = None  # 届け/受取予定; None: as soon as possible
    service: Service = "delivery"
    customer_name: str = ""
    phone: str = ""
    address: str = ""  # one line per line of the address
    delivery_notes: str = ""  # 裏口から, 犬がいます
    subtotal: int = 0
    taxes: tuple[TaxLine, ...] = ()
    delivery_fee: int = 0
    total: int = 0
    payment: Payment = field(default_factory=Payment)
    remarks: str = ""  # the whole order's remarks
    qr_payload: str = ""  # what the driver's phone opens: address_qr() of the address
    currency: str = "JPY"
    language: str = "ja"  # the slip's labels: ja | en
    order_id: int | None = None  # the box's order, for reprints from the board
    reprint: bool = False  # printed again on request (the slip says so)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"slip kind must be one of {KINDS}, not {self.kind!r}")
        if not self.items:
            raise ValueError("a slip needs at least one item")


def address_qr(address: str, lat: float | None = None, lon: float | None = None) -> str:
    """A maps link a driver's phone opens: the coordinates when known, else the address."""
    query = f"{lat:.6f},{lon:.6f}" if lat is not None and lon is not None else address
    return "https://www.google.com/maps/search/?api=1&query=" + quote(" ".join(query.split()))


def slip_to_json(slip: Slip) -> str:
    """The slip as JSON text (stored with its print job)."""
    return json.dumps(asdict(slip), ensure_ascii=False, default=_encode)


def slip_from_json(text: str) -> Slip:
    """The slip slip_to_json() wrote."""
    raw: dict[str, Any] = json.loads(text)
    raw["business_date"] = dt.date.fromisoformat(raw["business_date"])
    raw["ordered_at"] = dt.datetime.fromisoformat(raw["ordered_at"])
    if raw.get("promise_at"):
        raw["promise_at"] = dt.datetime.fromisoformat(raw["promise_at"])
    raw["items"] = tuple(
        SlipItem(**{**i, "options": tuple(i.get("options", ()))}) for i in raw["items"]
    )
    raw["taxes"] = tuple(TaxLine(**t) for t in raw.get("taxes", ()))
    raw["payment"] = Payment(**raw.get("payment", {}))
    return Slip(**raw)


def _encode(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a slip")
