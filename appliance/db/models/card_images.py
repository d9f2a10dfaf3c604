"""A scanned business card's image, kept only inside the encrypted database. Not replicated to
desks (a photo is large and a desk needs the fields, not the picture)."""

from __future__ import annotations

import peewee

from appliance.db.models.activity import BusinessCard
from appliance.db.models.base import BaseModel, utcnow


class CardImage(BaseModel):
    """The image bytes of one BusinessCard (JPEG as the box re-encoded it)."""

    card = peewee.ForeignKeyField(BusinessCard, backref="images", on_delete="CASCADE", unique=True)
    mime = peewee.CharField(default="image/jpeg")
    data = peewee.BlobField()
    created_at = peewee.DateTimeField(default=utcnow)


CARD_IMAGE_MODELS: list[type[BaseModel]] = [CardImage]
