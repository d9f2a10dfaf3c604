"""Business card images: the card_image table (image bytes inside the encrypted database)."""

from __future__ import annotations

from typing import Any

from appliance.db.models.card_images import CARD_IMAGE_MODELS


def apply(db: Any) -> None:
    """Create the card_image table."""
    with db.bind_ctx(CARD_IMAGE_MODELS):
        db.create_tables(CARD_IMAGE_MODELS, safe=True)
