"""Who is calling: every live customer with a number matching the caller's, in any form."""

from __future__ import annotations

from typing import Any

from appliance.core.errors import InvalidInput
from appliance.core.normalize import phone_lookup_keys
from appliance.db.bulk import unindexed
from appliance.db.models import Customer, Phone

_CUSTOMER_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


def lookup_by_number(number: str, region: str = "JP") -> list[Customer]:
    """Customers (oldest first) having this number; several when it is shared, [] for none."""
    try:
        keys = phone_lookup_keys(number, region)
    except InvalidInput:
        return []
    e164 = [k for k in keys if k.startswith("+")]
    national = [k for k in keys if not k.startswith("+")]
    # A stored number that parsed is matched by E.164 only, so a foreign national form never
    # collides with a domestic one; numbers kept as bare digits (extensions) match by digits.
    match = Phone.national.in_(national) & Phone.e164.is_null()
    if e164:
        match = Phone.e164.in_(e164) | match
    live_phone = unindexed(Phone.deleted_at).is_null()
    phone_owners = Phone.select(Phone.customer).where(match & live_phone)
    return list(
        Customer.select()
        .where(_CUSTOMER_ID.in_(phone_owners) & unindexed(Customer.deleted_at).is_null())
        .order_by(_CUSTOMER_ID)
    )
