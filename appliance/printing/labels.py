"""The words a slip prints, in the slip's language, and amounts written in its currency."""

from __future__ import annotations

import datetime as dt

ZERO_DECIMALS = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "TWD"})
SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "KRW": "₩", "CNY": "¥"}
WEEKDAYS_JA = "月火水木金土日"

LABELS: dict[str, tuple[str, str]] = {
    "kitchen": ("厨房伝票", "KITCHEN TICKET"),
    "delivery": ("配達伝票", "DELIVERY SLIP"),
    "order_slip": ("お客様伝票", "ORDER SLIP"),
    "service.delivery": ("配達", "Delivery"),
    "service.pickup": ("お持ち帰り", "Pick-up"),
    "service.eat_in": ("店内", "Eat-in"),
    "order_no": ("注文番号", "Order"),
    "ordered_at": ("受付", "Taken"),
    "business_date": ("営業日", "Business day"),
    "promise": ("お届け予定", "Promised"),
    "promise.pickup": ("お渡し予定", "Ready at"),
    "asap": ("至急", "ASAP"),
    "customer": ("お客様", "Customer"),
    "honorific": (" 様", ""),
    "phone": ("電話", "Phone"),
    "address": ("住所", "Address"),
    "notes": ("配達メモ", "Delivery notes"),
    "remarks": ("備考", "Remarks"),
    "subtotal": ("小計", "Subtotal"),
    "tax_base": ("{rate}%対象", "Taxable at {rate}%"),
    "tax_in": ("内消費税", "incl. tax"),
    "reduced_note": ("※は軽減税率対象商品", "※ reduced tax rate"),
    "delivery_fee": ("配達料", "Delivery fee"),
    "total": ("合計", "Total"),
    "pay.cash": ("現金", "Cash"),
    "pay.card": ("カード", "Card"),
    "pay.qr": ("QR決済", "QR payment"),
    "pay.invoice": ("請求書払い", "Invoice"),
    "pay.paid": ("支払済み", "Paid"),
    "payment": ("お支払い", "Payment"),
    "tendered": ("お預り", "Paying with"),
    "change": ("お釣り", "Change"),
    "items": ("品数", "Items"),
    "qr": ("住所 (地図)", "Address map"),
    "reprint": ("再発行", "REPRINT"),
}


def label(key: str, language: str, **values: object) -> str:
    """The label `key` in `language` (ja, else English), its {placeholders} filled."""
    ja, en = LABELS[key]
    return (ja if language == "ja" else en).format(**values)


def money(amount: int, currency: str) -> str:
    """An amount in minor units written as the shop writes it: ¥1,280, $12.50, -¥100."""
    code = currency.upper()
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    text = f"{value:,}" if code in ZERO_DECIMALS else f"{value // 100:,}.{value % 100:02d}"
    symbol = SYMBOLS.get(code)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {code}"


def when(moment: dt.datetime, language: str, *, date: bool = True) -> str:
    """A local time as a slip shows it: 12/07(月) 19:30, or 19:30 alone."""
    clock = moment.strftime("%H:%M")
    if not date:
        return clock
    if language == "ja":
        return f"{moment.month}/{moment.day}({WEEKDAYS_JA[moment.weekday()]}) {clock}"
    return f"{moment.strftime('%a %b')} {moment.day} {clock}"


def rate_text(rate: float) -> str:
    """A tax rate without a needless .0: 8, 10, 7.25."""
    return f"{rate:g}"
