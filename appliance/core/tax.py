"""Consumption tax of an order, computed once per rate as Japanese invoices (適格請求書) do.

The rounding rule: lines are grouped by tax rate; for each rate the tax is computed ONCE on that
rate's total, never per line. With tax-inclusive prices (Japan) the tax in a rate's total G at
rate r is floor(G × r / (1 + r)) — 8 % of ¥1,080 is ¥80, and ¥1,000 at 8 % holds ¥74. With
tax-exclusive prices (a per-product rate, as in the US) the tax on a rate's net total N is
N × r rounded half up to the minor unit and added on top. Rates are basis points (800 = 8 %).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from appliance.core.errors import InvalidInput

REDUCED_BP = 800  # 軽減税率: food taken out or delivered
STANDARD_BP = 1000  # 標準税率: eaten in, alcohol, goods, the delivery fee
SERVICES = ("delivery", "pickup", "eat_in")
SCHEMES = ("jp", "per_product")


@dataclass(frozen=True)
class Rate:
    """The rate a line is taxed at; `reduced` marks 軽減税率 lines (※ on the receipt)."""

    bp: int
    reduced: bool = False


@dataclass(frozen=True)
class RateTotal:
    """One rate's share of an order: the amount as priced, its tax and its tax-inclusive sum."""

    rate: Rate
    amount: int
    tax: int
    gross: int


@dataclass(frozen=True)
class Totals:
    """An order's totals: per rate, the tax of all rates, and what the customer pays."""

    by_rate: tuple[RateTotal, ...]
    tax: int
    total: int
    inclusive: bool


def rate_for(scheme: str, tax_class: str, tax_rate_bp: int, service: str) -> Rate:
    """The rate of a product for this service (delivery, pickup, eat_in) under the scheme."""
    if service not in SERVICES:
        raise InvalidInput(f"受取方法が不正です / service must be one of {SERVICES}")
    if scheme == "per_product":
        return Rate(int(tax_rate_bp))
    if tax_class == "reduced" and service != "eat_in":
        return Rate(REDUCED_BP, reduced=True)
    return Rate(STANDARD_BP)


def tax_in(gross: int, bp: int) -> int:
    """The tax contained in a tax-inclusive amount, rounded down."""
    return (gross * bp) // (10000 + bp)


def tax_on(net: int, bp: int) -> int:
    """The tax added to a tax-exclusive amount, rounded half up (negative amounts mirror)."""
    sign = -1 if net < 0 else 1
    return sign * ((abs(net) * bp * 2 + 10000) // 20000)


def totals(lines: Iterable[tuple[Rate, int]], *, inclusive: bool) -> Totals:
    """Group (rate, amount) lines by rate and compute each rate's tax once."""
    sums: dict[Rate, int] = {}
    for rate, amount in lines:
        sums[rate] = sums.get(rate, 0) + int(amount)
    by_rate: list[RateTotal] = []
    for rate in sorted(sums, key=lambda r: (-r.bp, r.reduced)):
        amount = sums[rate]
        tax = tax_in(amount, rate.bp) if inclusive else tax_on(amount, rate.bp)
        by_rate.append(RateTotal(rate, amount, tax, amount if inclusive else amount + tax))
    return Totals(
        by_rate=tuple(by_rate),
        tax=sum(r.tax for r in by_rate),
        total=sum(r.gross for r in by_rate),
        inclusive=inclusive,
    )


def check_setting(key: str, value: object) -> None:
    """Refuse a bad tax scheme or inclusive flag before it is stored."""
    if key == "tax.scheme" and value not in SCHEMES:
        raise InvalidInput(f"税方式が不正です / tax.scheme must be one of {SCHEMES}: {value!r}")
    if key == "tax.inclusive" and not isinstance(value, bool):
        raise InvalidInput(
            f"tax.inclusive は true か false です / must be true or false: {value!r}"
        )
