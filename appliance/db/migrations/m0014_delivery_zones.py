"""Delivery zones the shop defines (patterns, fee, minimum, minutes); an order keeps its zone."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.db.migrations.ops import add_column
from appliance.db.models import DeliveryZone


def apply(db: Any) -> None:
    """The zone table and the order's zone column (idempotent)."""
    with db.bind_ctx([DeliveryZone]):
        db.create_tables([DeliveryZone], safe=True)
    add_column(db, "order", "zone_id", peewee.IntegerField(null=True))
