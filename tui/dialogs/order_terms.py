"""Order entry's words and reading (pure): a free line typed as "おにぎり 150", the requested
time typed as 18:30 or 1830, and the receipt in the Japanese form (tax per rate, ※ marks)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from appliance.contract import QuoteOut
from tui.format import money
from tui.i18n import t

_FREE = re.compile(r"^(.*\S)\s+[¥$]?(\d{1,9})$")
_TIME = re.compile(r"^(\d{1,2}):?(\d{2})$")


def free_line(text: str) -> tuple[str, int] | None:
    """(description, unit price) from "おにぎり 150" (full-width digits too), else None."""
    match = _FREE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return match.group(1).strip(), int(match.group(2))


def parse_time(text: str, now: dt.datetime) -> dt.datetime | None:
    """The requested time: blank or 今/now is None (as soon as possible); 18:30 or 1830 is the
    next such time from `now` (aware), in UTC. None also for what does not read as a time."""
    plain = unicodedata.normalize("NFKC", text).strip().lower()
    if plain in ("", "今", "いま", "now"):
        return None
    match = _TIME.match(plain)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    at = now.replace(hour=int(match.group(1)), minute=int(match.group(2)), second=0, microsecond=0)
    if at < now - dt.timedelta(minutes=30):
        at += dt.timedelta(days=1)  # 01:00 said at 23:00 is tonight after midnight
    return at.astimezone(dt.UTC)


def receipt_lines(quote: QuoteOut, currency: str) -> list[str]:
    """小計 / 配達料 / 合計, then each rate: 8%対象※ ¥2,050 (内消費税 ¥151), then the change."""
    lines = [
        "  ".join(
            x
            for x in (
                t("order.subtotal", amount=money(quote.subtotal, currency)),
                t("order.fee", amount=money(quote.delivery_fee, currency))
                if quote.delivery_fee
                else "",
                t("order.grand_total", amount=money(quote.total, currency)),
            )
            if x
        )
    ]
    rates = []
    for r in quote.taxes:
        rate = f"{r.rate_bp / 100:g}%"
        label = "order.tax_in" if quote.prices_include_tax else "order.tax_on"
        words = t(label, rate=rate, base=money(r.amount, currency), tax=money(r.tax, currency))
        rates.append(words.replace(rate, rate + "※", 1) if r.reduced else words)
    if any(r.reduced for r in quote.taxes):
        rates.append(t("order.reduced_mark"))
    if rates:
        lines.append("  ".join(rates))
    if quote.change is not None and quote.change >= 0:
        lines.append(t("order.change", amount=money(quote.change, currency)))
    return lines
