"""Orders as a restaurant takes them: service, requested and promised time, payment, address,
fee, tax per rate, business day and its number, driver; lines with options, remarks and their
tax rate. Statuses move to the board's 受付/調理中/配達中/完了/キャンセル."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.db.migrations.ops import add_column, add_index

ORDER_COLUMNS: tuple[tuple[str, peewee.Field], ...] = (
    ("service", peewee.CharField(default="delivery")),
    ("requested_at", peewee.DateTimeField(null=True)),
    ("promise_at", peewee.DateTimeField(null=True)),
    ("payment", peewee.CharField(default="cash")),
    ("tendered", peewee.IntegerField(null=True)),
    ("address_id", peewee.IntegerField(null=True)),
    ("delivery_fee", peewee.IntegerField(default=0)),
    ("tax_total", peewee.IntegerField(default=0)),
    ("tax_detail", peewee.TextField(default="")),
    ("business_date", peewee.DateField(null=True)),
    ("day_no", peewee.IntegerField(default=0)),
    ("driver_id", peewee.IntegerField(null=True)),
    ("status_at", peewee.DateTimeField(null=True)),
)
ITEM_COLUMNS: tuple[tuple[str, peewee.Field], ...] = (
    ("options", peewee.TextField(default="")),
    ("remarks", peewee.CharField(default="")),
    ("tax_rate_bp", peewee.IntegerField(default=0)),
    ("reduced", peewee.BooleanField(default=False)),
)
# the old words for the same places on the board
STATUS_MOVES = (("open", "received"), ("confirmed", "received"), ("delivered", "done"))


def apply(db: Any) -> None:
    """Add the columns (idempotent) and rename the old statuses."""
    for column, field in ORDER_COLUMNS:
        add_column(db, "order", column, field)
    for column, field in ITEM_COLUMNS:
        add_column(db, "order_item", column, field)
    add_index(db, "order", ("business_date", "day_no"))
    add_index(db, "order", ("promise_at",))
    add_index(db, "order", ("status", "promise_at"))
    for old, new in STATUS_MOVES:
        db.execute_sql('UPDATE "order" SET status = ? WHERE status = ?', (new, old))
