"""Kept business cards: matches by phone, e-mail and name; the image goes with an erasure."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.contract.bizcards import CardFieldsOut, CardPhoneOut, CardSaveIn
from appliance.contract.customers import CustomerIn, EmailIn, PhoneIn
from appliance.core import bizcards
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.privacy import erase_customer
from appliance.core.usecases import customers
from appliance.db.models.card_images import CardImage
from appliance.db.store import Store

FIELDS = CardFieldsOut(
    name="小林 直樹",
    company="株式会社小林製作所",
    phones=[CardPhoneOut(kind="tel", number="045-222-3333")],
    email="naoki.kobayashi@kobayashi-ss.co.jp",
)


def test_matches_by_phone_email_and_name(store: Store, actor: Actor) -> None:
    by_phone = customers.create(
        actor, CustomerIn(display_name="小林製作所 代表", phones=[PhoneIn(number="045-222-3333")])
    )
    by_mail = customers.create(
        actor,
        CustomerIn(
            display_name="N. Kobayashi",
            emails=[EmailIn(address="naoki.kobayashi@kobayashi-ss.co.jp")],
        ),
    )
    by_name = customers.create(actor, CustomerIn(display_name="小林　直樹"))
    customers.create(actor, CustomerIn(display_name="小林 直子"))
    got = [(m.customer_id, m.by) for m in bizcards.matches(FIELDS)]
    assert got == [(by_phone.id, "phone"), (by_mail.id, "email"), (by_name.id, "name")]
    assert bizcards.matches(CardFieldsOut()) == []


def test_keep_with_a_new_customer_and_erase_takes_the_image(store: Store, actor: Actor) -> None:
    body = CardSaveIn(
        token="t" * 24,
        new_customer=CustomerIn(display_name=FIELDS.name, company=FIELDS.company),
        fields=FIELDS,
        exchanged_on=dt.date(2026, 10, 12),
        exchanged_where="展示会",
    )
    kept = bizcards.save(actor, body, b"\xff\xd8\xff fake jpeg", "OCR text")
    assert kept.customer_id is not None and kept.has_image and kept.fields == FIELDS
    assert [c.exchanged_where for c in bizcards.of_customer(kept.customer_id)] == ["展示会"]
    erase_customer(actor, kept.customer_id)
    assert CardImage.select().count() == 0


def test_one_customer_is_named(store: Store, actor: Actor) -> None:
    neither = CardSaveIn(token="t" * 24, fields=FIELDS)
    with pytest.raises(InvalidInput):
        bizcards.save(actor, neither, b"", "")
    both = CardSaveIn(
        token="t" * 24, customer_id=1, new_customer=CustomerIn(display_name="x"), fields=FIELDS
    )
    with pytest.raises(InvalidInput):
        bizcards.save(actor, both, b"", "")
