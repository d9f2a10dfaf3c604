"""Who is calling: every live customer with a number matching the caller's, in any form."""

from __future__ import annotations

from appliance.core.errors import InvalidInput
from appliance.core.normalize import phone_lookup_keys
from appliance.db.models import Customer, Phone


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
    phone_owners = Phone.select(Phone.customer).where(match & Phone.deleted_at.is_null())
    return list(
        Customer.select()
        .where(getattr(Customer, "id").in_(phone_owners) & Customer.deleted_at.is_null())  # noqa: B009
        .order_by(getattr(Customer, "id"))  # noqa: B009
    )
