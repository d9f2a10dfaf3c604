"""Desk strings of the analysis feature: rank badges, the analysis screen."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "analysis.rank": ("ランク{rank}", "Rank {rank}"),
    "analysis.rfm": ("RFM {rfm}", "RFM {rfm}"),
}
