"""Customers: several phones/emails/addresses/tags, stale edits refused, delete and undo."""

from __future__ import annotations

import datetime as dt

import pytest
from faker import Faker

from appliance.core import contacts, customers, tags
from appliance.core.actor import Actor
from appliance.core.audit import history
from appliance.core.errors import Conflict, InvalidInput, NotFound, StaleEdit
from appliance.core.lookup import lookup_by_number
from appliance.core.search import search
from appliance.db.models import Customer, Phone
from appliance.db.store import Store

fake_ja = Faker("ja_JP")
fake_en = Faker("en_US")
Faker.seed(20261122)


def test_customer_with_several_contacts(store: Store, actor: Actor) -> None:
    name = fake_ja.name()
    c = customers.create_customer(
        actor,
        name,
        reading="ヤマダ タロウ",
        phones=[("03-1234-5678", "自宅"), "090-1111-2222"],
        emails=["Taro.Yamada@Example.CO.JP", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"],
        addresses=[
            {
                "postal_code": "〒150-0001",
                "prefecture": "東京都",
                "city": "渋谷区",
                "line1": "神宮前１－２－３",
                "delivery_notes": "裏口から\nインターホン故障",
            },
            {
                "postal_code": "530-0001",
                "prefecture": "大阪府",
                "city": "大阪市北区",
                "lat": 34.70,
                "lon": 135.49,
            },
        ],
        tag_names=["常連", "VIP"],
        gender="male",
        birth_date="1970-04-01",
        occupation="会社員",
    )
    card = customers.customer_card(c.id)
    assert card["display_name"] == name
    assert [p["e164"] for p in card["phones"]] == ["+81312345678", "+819011112222"]
    assert [p["national"] for p in card["phones"]] == ["0312345678", "09011112222"]
    assert card["phones"][0]["label"] == "自宅"
    assert card["emails"][0]["address"] == "Taro.Yamada@example.co.jp"
    assert card["emails"][1]["address"] == "taro@example.jp"  # full-width folded by NFKC
    assert card["addresses"][0]["postal_code"] == "150-0001"
    assert card["addresses"][0]["line1"] == "神宮前1-2-3"
    assert card["addresses"][0]["delivery_notes"] == "裏口から\nインターホン故障"
    assert card["tags"] == ["VIP", "常連"]
    assert card["birth_date"] == "1970-04-01"
    assert card["version"] == 1


def test_number_and_name_are_findable_after_create(store: Store, actor: Actor) -> None:
    c = store.executor.call(
        customers.create_customer, actor, "John Smith", phones=["+1 201-555-0123"]
    )
    found = store.executor.call(lookup_by_number, "2015550123", "US")
    assert [x.id for x in found] == [c.id]
    hits = store.executor.call(search, "smith", 10)
    assert [h.customer_id for h in hits] == [c.id]


def test_stale_edit_is_refused_with_the_current_row(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name(), company="山田商店")
    other = Actor(None, None, "配達 田中")
    customers.update_customer(other, c.id, 1, company="山田フーズ")
    with pytest.raises(StaleEdit) as err:
        customers.update_customer(actor, c.id, 1, company="山田食堂")
    assert err.value.current["company"] == "山田フーズ"
    assert err.value.current["version"] == 2
    assert Customer.get_by_id(c.id).company == "山田フーズ"
    updated = customers.update_customer(actor, c.id, 2, company="山田食堂", vip=True)
    assert (updated.company, updated.vip, updated.version) == ("山田食堂", True, 3)


def test_soft_delete_and_undo(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_en.name(), phones=["06-6123-4567"])
    customers.delete_customer(actor, c.id, 1)
    with pytest.raises(NotFound):
        customers.get_customer(c.id)
    assert lookup_by_number("0661234567") == []
    with pytest.raises(Conflict):
        customers.update_customer(actor, c.id, 2, title="部長")
    restored = customers.restore_customer(actor, c.id)
    assert restored.deleted_at is None and restored.version == 3
    assert [x.id for x in lookup_by_number("0661234567")] == [c.id]
    assert [a.action for a in history("customer", c.id)] == ["create", "delete", "restore"]


def test_phone_removed_and_restored(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name(), phones=["03-1234-5678"])
    phone = Phone.get(Phone.customer == c.id)
    contacts.remove_contact(actor, "phone", phone.id, 1)
    assert customers.customer_card(c.id)["phones"] == []
    assert lookup_by_number("0312345678") == []
    contacts.restore_contact(actor, "phone", phone.id)
    assert [x.id for x in lookup_by_number("03-1234-5678")] == [c.id]


def test_edit_phone_reparses(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name(), phones=["03-1234-5678"])
    phone = Phone.get(Phone.customer == c.id)
    edited = contacts.edit_phone(
        actor, phone.id, 1, number="０４５－６７８－９０１２", label="会社"
    )
    assert (edited.e164, edited.national, edited.label) == ("+81456789012", "0456789012", "会社")


def test_tags_fold_to_one(store: Store, actor: Actor) -> None:
    a = customers.create_customer(actor, fake_ja.name(), tag_names=["ｖｉｐ"])
    b = customers.create_customer(actor, fake_en.name(), tag_names=["VIP"])
    assert customers.customer_card(a.id)["tags"] == customers.customer_card(b.id)["tags"]
    tags.untag_customer(actor, a.id, "Vip")
    assert customers.customer_card(a.id)["tags"] == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"display_name": "  "}, "empty"),
        ({"kind": "robot"}, "kind"),
        ({"gender": "x"}, "gender"),
        ({"birth_date": "not a date"}, "date"),
        ({"birth_date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "future"),
        ({"vip": "yes"}, "true or false"),
        ({"shoe_size": 27}, "unknown"),
        ({"version": 9}, "unknown"),
    ],
)
def test_bad_input_is_refused(
    store: Store, actor: Actor, fields: dict[str, object], message: str
) -> None:
    c = customers.create_customer(actor, fake_ja.name())
    with pytest.raises(InvalidInput, match=message):
        customers.update_customer(actor, c.id, 1, **fields)
    assert Customer.get_by_id(c.id).version == 1


def test_bad_contacts_are_refused(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name())
    with pytest.raises(InvalidInput):
        contacts.add_phone(actor, c.id, "でんわ")
    with pytest.raises(InvalidInput):
        contacts.add_email(actor, c.id, "not-an-address")
    with pytest.raises(InvalidInput):
        contacts.add_address(actor, c.id, city="札幌市", lat=123.0)
    with pytest.raises(NotFound):
        contacts.add_phone(actor, 999_999, "03-1234-5678")
    # a failed create_customer leaves nothing behind
    with pytest.raises(InvalidInput):
        customers.create_customer(actor, "田中 一郎", phones=["03-1234-5678", "xx"])
    assert not Customer.select().where(Customer.display_name == "田中 一郎").exists()


def test_full_width_input_is_normalised(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, "ﾔﾏﾀﾞ　ﾀﾛｳ", company="ＡＢＣ商事")
    assert (c.display_name, c.company) == ("ヤマダ タロウ", "ABC商事")


def test_rename_updates_search_and_flags_do_not_need_it(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, "山田 太郎")
    customers.update_customer(actor, c.id, 1, display_name="鈴木 一郎")
    assert search("山田", 5) == []
    assert [h.customer_id for h in search("鈴木", 5)] == [c.id]
    customers.update_customer(actor, c.id, 2, vip=True, occupation="医師")
    assert [h.customer_id for h in search("鈴木", 5)] == [c.id]


def test_tag_rename_delete_restore(store: Store, actor: Actor) -> None:
    a = customers.create_customer(actor, fake_ja.name(), tag_names=["常連"])
    b = customers.create_customer(actor, fake_en.name(), tag_names=["常連", "VIP"])
    tag = tags.get_or_create_tag(actor, "常連")
    renamed = tags.rename_tag(actor, tag.id, tag.version, "お得意様")
    assert tags.tags_of(a.id) == ["お得意様"]
    assert {h.customer_id for h in search("お得意様", 5)} == {a.id, b.id}
    with pytest.raises(Conflict):
        tags.rename_tag(actor, tag.id, renamed.version, "vip")
    tags.delete_tag(actor, tag.id, renamed.version)
    assert tags.tags_of(a.id) == [] and tags.tags_of(b.id) == ["VIP"]
    tags.restore_tag(actor, tag.id)
    assert tags.tags_of(b.id) == ["VIP", "お得意様"]
