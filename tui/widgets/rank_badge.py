"""A customer's rank and RFM code as a badge on the pop and the card."""

from __future__ import annotations

from rich.text import Text

from tui.i18n import t

RANK_STYLES = {
    "A": "bold black on green3",
    "B": "bold black on dark_sea_green2",
    "C": "bold white on grey42",
}


def rank_badge(rank: str | None, rfm: str | None) -> Text:
    """' ランクA  RFM 545 ' (empty before the customer's first order)."""
    out = Text()
    if rank:
        out.append(f" {t('analysis.rank', rank=rank)} ", style=RANK_STYLES.get(rank, "bold"))
        out.append(" ")
    if rfm:
        out.append(f" {t('analysis.rfm', rfm=rfm)} ", style="bold black on light_steel_blue1")
        out.append(" ")
    return out
