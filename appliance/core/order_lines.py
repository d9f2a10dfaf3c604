"""An order's lines priced and taxed (db thread): product price plus options, the rate for the
service, the fee at the standard rate, and the tax per rate of the whole order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from appliance.core import editing, tax
from appliance.core.errors import InvalidInput
from appliance.core.menu import tax_scheme
from appliance.core.text import clean
from appliance.db.models import Product, ProductOption

MAX_QTY = 10_000


@dataclass(frozen=True)
class Line:
    """One ordered line: a product (its price unless unit_price is given) with options chosen
    from its own, or a free description with a price; remarks (わさび抜き) ride along.
    A free line's tax class is "reduced" (food) unless given."""

    qty: int = 1
    product_id: int | None = None
    description: str = ""
    unit_price: int | None = None
    option_ids: tuple[int, ...] = ()
    remarks: str = ""
    tax_class: str = "reduced"
    tax_rate_bp: int = 0


@dataclass(frozen=True)
class Priced:
    """The whole order priced: item rows to store, the totals and the tax per rate."""

    items: list[dict[str, object]]
    totals: tax.Totals
    subtotal: int


def _options(product_id: int, ids: tuple[int, ...]) -> list[tuple[str, int]]:
    chosen: list[tuple[str, int]] = []
    for option_id in ids:
        option = editing.get_row(ProductOption, option_id)
        if editing.fk_id(option, "product") != product_id:
            raise InvalidInput(
                f"この商品のオプションではありません / option {option.name} is not of this product"
            )
        chosen.append((str(option.name), int(option.price_delta)))
    return chosen


def _item(line: Line, scheme: str, service: str, now: bool) -> dict[str, object]:
    qty = int(line.qty)
    if not 1 <= qty <= MAX_QTY:
        raise InvalidInput(f"数量が不正です / quantity must be 1..{MAX_QTY}, not {line.qty}")
    description = clean(line.description)
    price = line.unit_price
    tax_class, rate_bp = line.tax_class, int(line.tax_rate_bp)
    chosen: list[tuple[str, int]] = []
    if line.product_id is not None:
        product = editing.get_row(Product, line.product_id)
        if now and product.sold_out:
            raise InvalidInput(f"品切れです / {product.name} is sold out")
        description = description or str(product.name)
        price = int(product.unit_price) if price is None else price
        tax_class, rate_bp = str(product.tax_class), int(product.tax_rate_bp)
        chosen = _options(int(line.product_id), line.option_ids)
    elif line.option_ids:
        raise InvalidInput("オプションは商品にだけ付きます / options belong to a product")
    if not description:
        raise InvalidInput("品目がありません / an item needs a product or a description")
    if price is None or int(price) < 0:
        raise InvalidInput(f"単価が不正です / bad unit price for {description}")
    unit = int(price) + sum(delta for _, delta in chosen)
    if unit < 0:
        raise InvalidInput(f"単価が負になります / the options make {description} cost less than 0")
    rate = tax.rate_for(scheme, tax_class, rate_bp, service)
    return {
        "product": line.product_id,
        "description": description,
        "qty": qty,
        "unit_price": unit,
        "line_total": qty * unit,
        "options": json.dumps(chosen, ensure_ascii=False) if chosen else "",
        "remarks": clean(line.remarks),
        "tax_rate_bp": rate.bp,
        "reduced": rate.reduced,
    }


def price(lines: Iterable[Line], service: str, delivery_fee: int, *, now: bool) -> Priced:
    """Price every line for the service; the fee is taxed at the standard rate in Japan (none
    elsewhere). `now` False (an order from the past) lets sold-out products through."""
    scheme, inclusive = tax_scheme()
    items = [_item(line, scheme, service, now) for line in lines]
    if not items:
        raise InvalidInput("品目がありません / an order needs at least one item")
    if delivery_fee < 0:
        raise InvalidInput("配達料が負です / the delivery fee is negative")
    taxed = [
        (tax.Rate(int(str(i["tax_rate_bp"])), bool(i["reduced"])), int(str(i["line_total"])))
        for i in items
    ]
    if delivery_fee:
        taxed.append((tax.Rate(tax.STANDARD_BP if scheme == "jp" else 0), delivery_fee))
    return Priced(
        items, tax.totals(taxed, inclusive=inclusive), sum(int(str(i["line_total"])) for i in items)
    )


def tax_detail(totals: tax.Totals) -> str:
    """The per-rate figures as stored with the order."""
    return json.dumps([[r.rate.bp, r.rate.reduced, r.amount, r.tax] for r in totals.by_rate])


def option_names(stored: str) -> list[tuple[str, int]]:
    """The options a stored line was ordered with, as (name, price change)."""
    return [(str(n), int(d)) for n, d in json.loads(stored)] if stored else []
