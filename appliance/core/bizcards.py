"""Business cards kept with customers (db thread): who a scan may be, keeping it with its image
inside the encrypted database, and where and when the cards were exchanged."""

from __future__ import annotations

import json
import re
import unicodedata

from appliance.contract.bizcards import (
    BusinessCardOut,
    CardFieldsOut,
    CardMatchOut,
    CardSaveIn,
)
from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.lookup import lookup_by_number
from appliance.core.settings import default_region
from appliance.core.text import clean, clean_multiline
from appliance.core.usecases import customers as customer_cases
from appliance.db.models import BusinessCard, Customer, Email, database_proxy
from appliance.db.models.card_images import CardImage

MAX_MATCHES = 5


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def matches(fields: CardFieldsOut) -> list[CardMatchOut]:
    """Live customers the card may belong to: by phone first, then e-mail, then exact name."""
    found: dict[int, CardMatchOut] = {}

    def add(c: Customer, by: str) -> None:
        if int(c.id) not in found and c.deleted_at is None and c.merged_into is None:
            found[int(c.id)] = CardMatchOut(
                customer_id=int(c.id),
                display_name=str(c.display_name),
                company=str(c.company) or None,
                by=by,  # type: ignore[arg-type]
            )

    region = default_region()
    for phone in fields.phones:
        for c in lookup_by_number(phone.number, region):
            add(c, "phone")
    if fields.email:
        rows = (
            Email.select(Email, Customer)
            .join(Customer)
            .where(Email.address == fields.email.strip().lower(), Email.deleted_at.is_null())
            .limit(MAX_MATCHES)
        )
        for row in rows:
            add(row.customer, "email")
    name = _squash(fields.name)
    if name:
        first = fields.name.split()[0] if fields.name.split() else fields.name
        for c in Customer.select().where(Customer.display_name.contains(first)).limit(200):
            if _squash(str(c.display_name)) == name:
                add(c, "name")
    return list(found.values())[:MAX_MATCHES]


def save(actor: Actor, body: CardSaveIn, image: bytes, ocr_text: str) -> BusinessCardOut:
    """Keep a card (and its image) with an existing customer or a new one made from it."""
    either = "顧客を選ぶか新規作成してください / choose a customer or make a new one"
    if body.customer_id is not None and body.new_customer is not None:
        raise InvalidInput(either)
    with database_proxy.atomic():
        if body.new_customer is not None:
            customer_id = customer_cases.create(actor, body.new_customer).id
        elif body.customer_id is not None:
            customer_id = int(editing.get_row(Customer, body.customer_id).id)
        else:
            raise InvalidInput(either)
        row = editing.create(
            actor,
            BusinessCard,
            customer=customer_id,
            image_ref="card_image" if image else "",
            ocr_text=clean_multiline(ocr_text),
            parsed=body.fields.model_dump_json(),
            exchanged_at=body.exchanged_on,
            exchanged_where=clean(body.exchanged_where),
        )
        if image:
            CardImage.create(card=row.id, data=image)
    return card_out(row)


def card_out(row: BusinessCard) -> BusinessCardOut:
    """The wire form of a kept card."""
    try:
        fields = CardFieldsOut.model_validate(json.loads(str(row.parsed or "{}")))
    except ValueError:
        fields = CardFieldsOut()
    return BusinessCardOut(
        card_id=int(row.id),
        customer_id=row.__data__.get("customer"),
        fields=fields,
        exchanged_on=row.exchanged_at,
        exchanged_where=str(row.exchanged_where or ""),
        has_image=CardImage.select().where(CardImage.card == row.id).exists(),
    )


def of_customer(customer_id: int) -> list[BusinessCardOut]:
    """A customer's kept cards, newest exchange first."""
    editing.get_row(Customer, customer_id)
    rows = (
        BusinessCard.select()
        .where(BusinessCard.customer == customer_id, BusinessCard.deleted_at.is_null())
        .order_by(BusinessCard.exchanged_at.desc(nulls="LAST"), BusinessCard.id.desc())
    )
    return [card_out(r) for r in rows]
