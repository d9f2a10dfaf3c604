"""The demo box's data: realistic seeded customers plus the regulars who call."""

from __future__ import annotations

from appliance.db.models import Customer
from appliance.demo.cast import add_regulars


def seed_if_empty(customers: int) -> int:
    """Fill an empty database with realistic customers plus the regulars; returns the count."""
    if Customer.select().count() == 0 and customers > 0:
        from appliance.core.seeding import seed

        seed(customers=customers, calls=customers * 3)
    add_regulars()
    return int(Customer.select().count())
