"""What a slip needs from the box's settings (db thread): the shop's name, time zone and the
language slips are printed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from appliance.core.business_day import shop_zone
from appliance.core.settings import default_region, get_setting


@dataclass(frozen=True)
class SlipFacts:
    """The shop's name, its zone (slips print local times) and the slips' language."""

    shop_name: str
    zone: dt.tzinfo
    language: str


def slip_facts() -> SlipFacts:
    """shop.name (else "Ringdesk"), the shop's zone, printing.language (else ja in Japan)."""
    language = get_setting("printing.language")
    if language not in ("ja", "en"):
        language = "ja" if default_region() == "JP" else "en"
    return SlipFacts(str(get_setting("shop.name") or "Ringdesk"), shop_zone(), str(language))
