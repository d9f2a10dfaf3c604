"""Migration 0012: an older box's orders gain the restaurant's columns and their statuses move
to the board's words (delivered → done, open/confirmed → received)."""

from __future__ import annotations

from appliance.db.migrations import migrate
from appliance.db.migrations.m0012_order_details import ITEM_COLUMNS, ORDER_COLUMNS
from appliance.db.models import Customer, Order
from appliance.db.store import Store


def _older_box() -> None:
    c = Customer.create(display_name="鈴木 一郎")
    for status in ("delivered", "open", "confirmed", "cancelled"):
        Order.create(customer=c, status=status, total=1200)


def test_an_older_box_moves_to_the_board(store: Store) -> None:
    run = store.executor.call
    run(_older_box)
    run(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 12")
    assert run(migrate, store.db)[0] == 12
    statuses = run(lambda: [o.status for o in Order.select().order_by(Order.id)])
    assert statuses == ["done", "received", "received", "cancelled"]
    assert {c for c, _ in ORDER_COLUMNS} <= {c.name for c in store.db.get_columns("order")}
    assert {c for c, _ in ITEM_COLUMNS} <= {c.name for c in store.db.get_columns("order_item")}
