"""The two slip layouts as rows of text: a kitchen ticket (what to cook, big, no prices) and a
delivery slip (who, where, what, how much, in the Japanese receipt form)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from appliance.printing.labels import label, money, rate_text, when
from appliance.printing.slip import Slip, SlipItem

Align = Literal["left", "center", "right"]
Rule = Literal["", "-", "="]


@dataclass(frozen=True)
class Row:
    """One printed line: text (wrapped when too long) and an amount flush right."""

    text: str = ""
    right: str = ""
    align: Align = "left"
    scale: int = 1  # 2: double width and height
    bold: bool = False
    indent: int = 0  # in half-width character cells
    rule: Rule = ""  # a line across the paper instead of text
    invert: bool = False  # white on black


def layout(slip: Slip) -> list[Row]:
    """The rows of the slip's own kind (a reprint says so at the top)."""
    rows = kitchen_rows(slip) if slip.kind == "kitchen" else delivery_rows(slip)
    if slip.reprint:
        rows.insert(0, Row(f"** {label('reprint', slip.language)} **", align="center", bold=True))
    return rows


def kitchen_rows(slip: Slip) -> list[Row]:
    """A kitchen ticket: service and order number, promise time, items large, remarks."""
    lang = slip.language
    rows = [
        Row(label(f"service.{slip.service}", lang), align="center", scale=2, invert=True),
        Row(f"No. {slip.order_no}", align="center", scale=2, bold=True),
        Row(f"{label('ordered_at', lang)} {when(slip.ordered_at, lang)}", align="center"),
        _promise(slip),
        Row(rule="="),
    ]
    for item in slip.items:
        rows.append(Row(item.name, f"×{item.qty}", scale=2, bold=True))
        rows += _item_details(item)
    rows.append(Row(rule="="))
    if slip.remarks:
        rows.append(Row(f"{label('remarks', lang)}: {slip.remarks}", scale=2, bold=True))
    count = sum(item.qty for item in slip.items)
    who = f"{slip.customer_name}{label('honorific', lang)}" if slip.customer_name else ""
    rows.append(Row(who, f"{label('items', lang)} {count}"))
    return rows


def delivery_rows(slip: Slip) -> list[Row]:
    """A delivery slip: shop, order, promise, customer and address, items, totals, payment."""
    lang = slip.language
    title = "delivery" if slip.service == "delivery" else "order_slip"
    rows = [
        Row(slip.shop_name, align="center", scale=2, bold=True),
        Row(f"{label(title, lang)} / {label(f'service.{slip.service}', lang)}", align="center"),
        Row(f"No. {slip.order_no}", when(slip.ordered_at, lang), bold=True),
        Row(f"{label('business_date', lang)} {slip.business_date.isoformat()}"),
        _promise(slip),
        Row(rule="="),
    ]
    if slip.customer_name:
        name = f"{slip.customer_name}{label('honorific', lang)}"
        rows.append(Row(name, scale=2, bold=True))
    if slip.phone:
        rows.append(Row(f"{label('phone', lang)} {slip.phone}"))
    if slip.address:
        rows.append(Row(label("address", lang)))
        rows += [Row(line, indent=2) for line in slip.address.splitlines() if line.strip()]
    if slip.delivery_notes:
        rows.append(Row(f"{label('notes', lang)}: {slip.delivery_notes}", bold=True))
    rows.append(Row(rule="-"))
    for item in slip.items:
        mark = "※" if item.reduced_rate else ""
        rows.append(Row(f"{mark}{item.name} ×{item.qty}", money(item.amount, slip.currency)))
        rows += _item_details(item)
    rows.append(Row(rule="-"))
    rows += _totals(slip)
    if slip.remarks:
        rows += [Row(rule="-"), Row(f"{label('remarks', lang)}: {slip.remarks}", bold=True)]
    if slip.qr_payload:
        rows += [Row(rule="-"), Row(label("qr", lang), align="center")]
    return rows


def _promise(slip: Slip) -> Row:
    lang = slip.language
    key = "promise" if slip.service == "delivery" else "promise.pickup"
    at = when(slip.promise_at, lang, date=False) if slip.promise_at else label("asap", lang)
    return Row(f"{label(key, lang)} {at}", align="center", scale=2, bold=True)


def _item_details(item: SlipItem) -> list[Row]:
    rows = [Row(f"・{option}", indent=2) for option in item.options]
    if item.remarks:
        rows.append(Row(f"★ {item.remarks}", indent=2, bold=True))
    return rows


def _totals(slip: Slip) -> list[Row]:
    """小計, 配達料, 合計, then each rate's base and the tax it contains, then the payment."""
    lang, cur = slip.language, slip.currency
    rows = [Row(label("subtotal", lang), money(slip.subtotal, cur))]
    if slip.delivery_fee:
        rows.append(Row(label("delivery_fee", lang), money(slip.delivery_fee, cur)))
    rows.append(Row(label("total", lang), money(slip.total, cur), scale=2, bold=True))
    for tax in slip.taxes:
        base = label("tax_base", lang, rate=rate_text(tax.rate_percent))
        mark = "※" if tax.reduced else ""
        rows.append(
            Row(
                f"({mark}{base} {money(tax.base, cur)}",
                f"{label('tax_in', lang)} {money(tax.tax, cur)})",
            )
        )
    if any(item.reduced_rate for item in slip.items):
        rows.append(Row(label("reduced_note", lang)))
    pay = slip.payment
    rows.append(Row(label("payment", lang), label(f"pay.{pay.method}", lang), bold=True))
    change = pay.change(slip.total)
    if change is not None and pay.tendered is not None:
        rows.append(Row(label("tendered", lang), money(pay.tendered, cur)))
        rows.append(Row(label("change", lang), money(change, cur), bold=True))
    return rows
