"""The shop's settings as box and desk both name them: keys, weekdays and kinds of shop."""

from __future__ import annotations

__all__ = ["CLOSED_KEY", "KIND_KEY", "SHOP_KINDS", "WEEKDAYS", "WEEK_KEY"]

WEEK_KEY = "hours.week"  # {"mon": ["09:00", "21:00"] | None, ...} every weekday
CLOSED_KEY = "hours.closed_days"  # ["2026-12-31", ...]
KIND_KEY = "shop.kind"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
SHOP_KINDS = ("restaurant", "taxi", "salon", "inn", "office")
