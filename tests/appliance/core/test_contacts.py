"""Contact rows: postal codes read the way their country writes them, emails edited."""

from __future__ import annotations

import pytest
from faker import Faker

from appliance.core import contacts, customers
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput, NotFound
from appliance.db.models import Address, Email
from appliance.db.store import Store

fake_ja = Faker("ja_JP")


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("〒１０１－００２１", "JP", "101-0021"),
        ("1010021", "JP", "101-0021"),
        ("101ー0021", "", "101-0021"),
        ("", "JP", ""),
        ("SW1A 1AA", "GB", "SW1A 1AA"),
        ("94110", "US", "94110"),
    ],
)
def test_postal_codes(typed: str, country: str, stored: str) -> None:
    assert contacts.clean_postal_code(typed, country) == stored


@pytest.mark.parametrize(("typed", "country"), [("101-002", "JP"), ("ABC-DEFG", "JP"), ("#", "US")])
def test_bad_postal_codes_say_why(typed: str, country: str) -> None:
    with pytest.raises(InvalidInput, match="postal code"):
        contacts.clean_postal_code(typed, country)


def test_address_edit_reads_the_code_in_its_stored_country(store: Store, actor: Actor) -> None:
    c = customers.create_customer(
        actor, fake_ja.name(), addresses=[{"country": "US", "postal_code": "94110"}]
    )
    row = Address.get(Address.customer == c.id)
    edited = contacts.edit_address(actor, row.id, 1, postal_code="10001")
    assert (edited.country, edited.postal_code) == ("US", "10001")


def test_email_edited_and_checked(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name(), emails=["a@example.jp"])
    row = Email.get(Email.customer == c.id)
    edited = contacts.edit_email(
        actor, row.id, 1, address="Ｈａｎａｋｏ@Example.JP", label="勤務先"
    )
    assert (edited.address, edited.label) == ("Hanako@example.jp", "勤務先")
    with pytest.raises(InvalidInput):
        contacts.edit_email(actor, row.id, 2, address="hanako at example")


def test_a_row_of_another_customer_is_not_found(store: Store, actor: Actor) -> None:
    a = customers.create_customer(actor, fake_ja.name(), emails=["a@example.jp"])
    b = customers.create_customer(actor, fake_ja.name())
    row = Email.get(Email.customer == a.id)
    assert contacts.contact_of("email", a.id, row.id).id == row.id
    with pytest.raises(NotFound):
        contacts.contact_of("email", b.id, row.id)
