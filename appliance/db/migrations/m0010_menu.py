"""The menu: categories, product category/tax class/sold out/sort order, product options."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.db.migrations.ops import add_column, add_index
from appliance.db.models import Category, ProductOption


def apply(db: Any) -> None:
    """New tables for categories and options; the product's new columns (idempotent)."""
    with db.bind_ctx([Category, ProductOption]):
        db.create_tables([Category, ProductOption], safe=True)
    add_column(db, "product", "category_id", peewee.IntegerField(null=True))
    add_column(db, "product", "tax_class", peewee.CharField(default="reduced"))
    add_column(db, "product", "tax_rate_bp", peewee.IntegerField(default=0))
    add_column(db, "product", "sold_out", peewee.BooleanField(default=False))
    add_column(db, "product", "sort_order", peewee.IntegerField(default=0))
    add_index(db, "product", ("category_id",))
