"""Search index rebuilt so names, readings and companies are also found without their spaces
(山田太郎 finds 山田 太郎: search_keys.name_texts); an index written before holds them only
as typed on the card."""

from __future__ import annotations

from typing import Any


def apply(db: Any) -> None:
    """Index every existing customer again from the tables."""
    if db.execute_sql("SELECT 1 FROM customer LIMIT 1").fetchone():
        from appliance.db.models import ALL_MODELS
        from appliance.db.search import rebuild

        with db.bind_ctx(ALL_MODELS):
            rebuild(db)
