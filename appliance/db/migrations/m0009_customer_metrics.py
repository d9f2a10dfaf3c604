"""Per-customer analysis figures: the metric table, its dirty queue and the triggers that fill
the queue whenever a customer's orders or calls change."""

from __future__ import annotations

from typing import Any

from appliance.db.models.analysis import DERIVED_MODELS


def _dirty(who: str) -> str:
    return (
        f'INSERT OR IGNORE INTO "metric_dirty" ("customer_id") '
        f"SELECT {who}.customer_id WHERE {who}.customer_id IS NOT NULL;"
    )


TRIGGERS = (
    'CREATE TRIGGER IF NOT EXISTS "order_metric_ins" AFTER INSERT ON "order" '
    f"BEGIN {_dirty('NEW')} END",
    'CREATE TRIGGER IF NOT EXISTS "order_metric_upd" AFTER UPDATE OF '
    '"customer_id", "status", "total", "ordered_at", "deleted_at" ON "order" '
    f"BEGIN {_dirty('OLD')} {_dirty('NEW')} END",
    'CREATE TRIGGER IF NOT EXISTS "order_metric_del" AFTER DELETE ON "order" '
    f"BEGIN {_dirty('OLD')} END",
    'CREATE TRIGGER IF NOT EXISTS "call_metric_ins" AFTER INSERT ON "call" '
    f"BEGIN {_dirty('NEW')} END",
    'CREATE TRIGGER IF NOT EXISTS "call_metric_upd" AFTER UPDATE OF "customer_id" ON "call" '
    "WHEN NEW.customer_id IS NOT OLD.customer_id "
    f"BEGIN {_dirty('OLD')} {_dirty('NEW')} END",
)


def apply(db: Any) -> None:
    """Create the derived tables and the triggers (calls of no known customer queue nothing)."""
    with db.bind_ctx(DERIVED_MODELS):
        db.create_tables(DERIVED_MODELS, safe=True)
    for sql in TRIGGERS:
        db.execute_sql(sql)
