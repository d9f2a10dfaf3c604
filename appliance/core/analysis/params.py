"""The shop's analysis parameters (settings `analysis.*`), with the defaults a new box uses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from appliance.core.errors import InvalidInput
from appliance.db.models import database_proxy

# setting (after "analysis.") -> lowest and highest value allowed
RANGES: dict[str, tuple[float, float]] = {
    "window_days": (7, 3650),
    "rank_a_share": (0.01, 1.0),
    "rank_b_share": (0.01, 1.0),
    "lifetime_years": (0.1, 50),
    "dormant_factor": (1.0, 20),
    "regular_orders": (2, 1000),
    "due_ahead_days": (0, 365),
}


_STORED = "SELECT key, value FROM \"setting\" WHERE key LIKE 'analysis.%'"


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


def _number(name: str, value: Any) -> float:
    low, high = RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidInput(f"設定 analysis.{name} は数値です / analysis.{name} is a number")
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput(
            f"設定 analysis.{name} は数値です / analysis.{name} is a number"
        ) from None
    if not low <= number <= high:
        raise InvalidInput(f"設定 analysis.{name} は {low}〜{high} / must be {low}..{high}")
    return number


def check_setting(key: str, value: Any) -> None:
    """InvalidInput when an analysis.* setting is unknown or out of range (others pass)."""
    if not key.startswith("analysis."):
        return
    name = key.removeprefix("analysis.")
    if name not in RANGES:
        raise InvalidInput(
            f"設定がありません / no setting {key!r}: analysis.{', analysis.'.join(RANGES)}"
        )
    _number(name, value)


def load() -> Params:
    """The parameters as set (db thread); InvalidInput names a setting out of range."""
    base = Params()
    stored = {
        str(k).removeprefix("analysis."): json.loads(v)
        for k, v in database_proxy.obj.execute_sql(_STORED)
    }  # one fixed read (not the settings module, which checks values with this one): this
    # runs with every order
    got = {n: _number(n, stored.get(n, getattr(base, n))) for n in RANGES}
    return Params(
        window_days=int(got["window_days"]),
        rank_a_share=got["rank_a_share"],
        rank_b_share=max(got["rank_a_share"], got["rank_b_share"]),
        lifetime_years=got["lifetime_years"],
        dormant_factor=got["dormant_factor"],
        regular_orders=int(got["regular_orders"]),
        due_ahead_days=int(got["due_ahead_days"]),
    )
