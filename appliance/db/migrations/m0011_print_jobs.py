"""The print queue: jobs kept in the database until their printer has printed them."""

from __future__ import annotations

from typing import Any

from appliance.db.models.printing import PRINTING_MODELS


def apply(db: Any) -> None:
    """Create the print_job table."""
    with db.bind_ctx(PRINTING_MODELS):
        db.create_tables(PRINTING_MODELS, safe=True)
