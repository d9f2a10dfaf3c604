"""The shop's analysis parameters (settings `analysis.*`), with the defaults a new box uses."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.core.errors import InvalidInput
from appliance.core.settings import get_setting


@dataclass(frozen=True)
class Params:
    """Window for rank and RFM, A/B cumulative shares, lifetime and the dormant rules."""

    window_days: int = 365
    rank_a_share: float = 0.7  # A: the customers making the first 70 % of the window's spend
    rank_b_share: float = 0.9  # B: up to 90 %; C: the rest of those who bought in the window
    lifetime_years: float = 3.0
    dormant_factor: float = 2.0
    regular_orders: int = 3  # a "regular" has at least this many orders (cycle, dormant)
    due_ahead_days: int = 7


def _number(key: str, default: float, low: float, high: float) -> float:
    value = get_setting(f"analysis.{key}", default)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"設定 analysis.{key} が数値ではありません / not a number") from None
    if not low <= number <= high:
        raise InvalidInput(f"設定 analysis.{key} は {low}〜{high} / must be {low}..{high}")
    return number


def load() -> Params:
    """The parameters as set (db thread); InvalidInput names a setting out of range."""
    base = Params()
    a = _number("rank_a_share", base.rank_a_share, 0.01, 1.0)
    return Params(
        window_days=int(_number("window_days", base.window_days, 7, 3650)),
        rank_a_share=a,
        rank_b_share=max(a, _number("rank_b_share", base.rank_b_share, 0.01, 1.0)),
        lifetime_years=_number("lifetime_years", base.lifetime_years, 0.1, 50),
        dormant_factor=_number("dormant_factor", base.dormant_factor, 1.0, 20),
        regular_orders=int(_number("regular_orders", base.regular_orders, 2, 1000)),
        due_ahead_days=int(_number("due_ahead_days", base.due_ahead_days, 0, 365)),
    )
