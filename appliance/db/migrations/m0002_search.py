"""Search index: trigram and 1–2 character gram FTS5 tables, filled from existing customers."""

from __future__ import annotations

from typing import Any

from appliance.db import search_index


def apply(db: Any) -> None:
    """Create the index tables and index every customer already present."""
    for sql in search_index.CREATE_SQL:
        db.execute_sql(sql)
    if db.execute_sql("SELECT 1 FROM customer LIMIT 1").fetchone():
        from appliance.db.models import ALL_MODELS
        from appliance.db.search import rebuild

        with db.bind_ctx(ALL_MODELS):
            rebuild(db)
