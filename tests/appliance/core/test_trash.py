"""The undo list: deleted customers newest first with who deleted them; merged ones left out."""

from __future__ import annotations

from faker import Faker

from appliance.core import customers, merge, trash
from appliance.core.actor import Actor
from appliance.db.store import Store

fake_ja = Faker("ja_JP")


def test_deleted_customers_newest_first_with_who(store: Store, actor: Actor) -> None:
    kept = customers.create_customer(actor, fake_ja.name())
    first = customers.create_customer(actor, fake_ja.name(), phones=["03-3555-0101"])
    second = customers.create_customer(actor, fake_ja.name())
    customers.delete_customer(actor, first.id, 1)
    other = Actor(user_id=None, desk_id=None, name="厨房 加藤")
    customers.delete_customer(other, second.id, 1)
    dup = customers.create_customer(actor, kept.display_name)
    merge.merge_customers(actor, kept.id, 1, dup.id, 1)
    listed = trash.deleted_customers()
    assert [(d.id, d.deleted_by) for d in listed] == [
        (second.id, "厨房 加藤"),
        (first.id, "受付 佐藤"),
    ]
    assert listed[1].phone == "03-3555-0101"
    customers.restore_customer(actor, first.id)
    assert [d.id for d in trash.deleted_customers()] == [second.id]
