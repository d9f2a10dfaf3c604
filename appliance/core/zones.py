"""Delivery zones: which zone an address falls in (postal codes or their prefixes, town names),
the zone's fee, minimum order and minutes; no zone at all means the shop delivers anywhere.

A pattern of digits (with - and a trailing * allowed) matches the start of the postal code's
digits ("113" and "113-00*" both take 〒113-0033; "112" takes ZIP 11201-1234); any other pattern
matches a town name within the prefecture/state, city and street lines, folded (全角/半角, case).
When several zones match, the longest pattern wins (a street beats its ward)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from appliance.contract.search_keys import fold
from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.text import clean
from appliance.db.models import Address, DeliveryZone

_POSTAL = re.compile(r"^[\d\-‐－ー]+\*?$")


@dataclass(frozen=True)
class Place:
    """What zone lookup reads of an address."""

    postal_code: str
    text: str  # prefecture, city, line1, line2


def place_of(address: Address) -> Place:
    """The parts of a stored address zone lookup reads."""
    return Place(
        str(address.postal_code or ""),
        " ".join(
            str(x or "") for x in (address.prefecture, address.city, address.line1, address.line2)
        ),
    )


def patterns_of(text: str) -> list[str]:
    """The zone's patterns, one per line or comma."""
    return [p.strip() for p in re.split(r"[\n,、，]", text) if p.strip()]


def _score(pattern: str, place: Place) -> int:
    """How specific a match is (0: no match)."""
    if _POSTAL.match(fold(pattern)):
        digits = re.sub(r"\D", "", pattern)
        postal = re.sub(r"\D", "", fold(place.postal_code))
        return len(digits) if digits and postal.startswith(digits) else 0
    key = fold(pattern).replace(" ", "")
    return len(key) if key and key in fold(place.text).replace(" ", "") else 0


def find_zone(zones: list[DeliveryZone], place: Place) -> DeliveryZone | None:
    """The zone whose most specific pattern matches, or None (out of every zone)."""
    best: tuple[int, int] = (0, 0)
    found = None
    for i, zone in enumerate(zones):
        score = max((_score(p, place) for p in patterns_of(str(zone.patterns))), default=0)
        if score and (score, -i) > best:
            best, found = (score, -i), zone
    return found


def live_zones() -> list[DeliveryZone]:
    """The shop's zones in sort order."""
    return list(DeliveryZone.live().order_by(DeliveryZone.sort_order, DeliveryZone.id))


def zone_for(address_id: int) -> tuple[DeliveryZone | None, bool]:
    """(the address's zone, whether the shop has zones at all)."""
    zones = live_zones()
    if not zones:
        return None, False
    return find_zone(zones, place_of(editing.get_row(Address, address_id))), True


def _fields(fields: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in fields.items():
        if key == "name":
            if not clean(str(value)):
                raise InvalidInput("地域名が空です / the zone name is empty")
            out[key] = clean(str(value))
        elif key == "patterns":
            found = patterns_of(str(value))
            if not found:
                raise InvalidInput(
                    "郵便番号か町名を入れてください / give postal codes or town names"
                )
            out[key] = "\n".join(found)
        elif key in ("fee", "minimum", "minutes", "sort_order"):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**9:
                raise InvalidInput(f"{key} は 0 以上の整数です / {key} must be a whole number ≥ 0")
            out[key] = value
        else:
            raise InvalidInput(f"変更できない項目です / cannot change {key} of a zone")
    return out


def create_zone(actor: Actor, name: str, patterns: str, **fields: object) -> DeliveryZone:
    """A delivery zone."""
    return editing.create(
        actor, DeliveryZone, **_fields({"name": name, "patterns": patterns, **fields})
    )


def update_zone(actor: Actor, zone_id: int, version: int, **fields: object) -> DeliveryZone:
    """Change a zone (StaleEdit when it changed meanwhile)."""
    return editing.update(actor, DeliveryZone, zone_id, version, _fields(fields))
