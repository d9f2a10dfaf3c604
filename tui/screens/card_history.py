"""A customer's history as the card lists it: one language, amounts as the pop writes them."""

from __future__ import annotations

from appliance.contract import CustomerCard, TimelineItem
from tui.format import duration, kind_words, local, money, order_status, outcome_words
from tui.i18n import t


def summary(item: TimelineItem) -> str:
    """What happened, in words (an order: ¥6,500 配達済み, not '6500 JPY (delivered)')."""
    if item.kind == "call":
        said = outcome_words(item.summary)
    elif item.kind == "order" and item.amount is not None:
        said = f"{money(item.amount, item.currency or 'JPY')}  {order_status(item.status)}"
    else:
        said = item.summary
    if item.time_spent_s:
        said = f"{said}  ({t('ia.spent', time=duration(item.time_spent_s))})"
    return said


def timeline_rows(card: CustomerCard) -> list[tuple[tuple[str, str, str, str], str]]:
    """(time, kind, who, summary) and the row key of each timeline item."""
    return [
        (
            (local(item.at), kind_words(item.kind), item.by or "", summary(item)),
            f"{item.kind}:{item.ref}:{i}",
        )
        for i, item in enumerate(card.timeline)
    ]
