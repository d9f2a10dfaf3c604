"""The first schema: every table of DESIGN §4, with the phone-number indexes."""

from __future__ import annotations

from typing import Any

from appliance.db.models import ALL_MODELS


def apply(db: Any) -> None:
    """Create every model table (a model change later needs a new, idempotent migration)."""
    with db.bind_ctx(ALL_MODELS):
        db.create_tables(ALL_MODELS, safe=True)
