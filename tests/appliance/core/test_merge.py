"""Merging duplicates: everything moves to the survivor, both histories kept, undo restores."""

from __future__ import annotations

import pytest
from faker import Faker

from appliance.core import attributes, customers, merge, notes, orders, tasks
from appliance.core.actor import Actor
from appliance.core.audit import history, verify_audit_chain
from appliance.core.errors import Conflict, NotFound, StaleEdit
from appliance.core.lookup import lookup_by_number
from appliance.db.models import Call, Customer
from appliance.db.store import Store

fake = Faker("ja_JP")


def _pair(actor: Actor) -> tuple[Customer, Customer]:
    attributes.define_field(actor, "allergy", "アレルギー")
    keep = customers.create_customer(
        actor, "山田 太郎", phones=["03-1234-5678"], tag_names=["常連"], company="山田商店"
    )
    dup = customers.create_customer(
        actor,
        "山田太郎",
        reading="ヤマダ タロウ",
        phones=["090-1111-2222"],
        emails=["taro@example.jp"],
        addresses=[{"prefecture": "東京都", "city": "渋谷区", "line1": fake.street_address()}],
        tag_names=["常連", "VIP"],
        company="別会社",
        vip=True,
    )
    attributes.set_custom_value(actor, dup.id, "allergy", "そば")
    notes.add_note(actor, dup.id, "辛いものが苦手", pinned=True)
    orders.place_order(actor, dup.id, [orders.Line(qty=2, description="天丼", unit_price=900)])
    tasks.create_task(actor, "折り返し", customer_id=dup.id)
    Call.create(line="1", customer=dup.id, number="09011112222")
    return keep, dup


def test_merge_moves_everything_and_keeps_history(store: Store, actor: Actor) -> None:
    keep, dup = _pair(actor)
    result = merge.merge_customers(actor, keep.id, 1, dup.id, dup.version)
    assert result.moved["phone"] == 1 and result.moved["call"] == 1
    card = customers.customer_card(keep.id)
    assert {p["national"] for p in card["phones"]} == {"0312345678", "09011112222"}
    assert [e["address"] for e in card["emails"]] == ["taro@example.jp"]
    assert len(card["addresses"]) == 1
    assert card["tags"] == ["VIP", "常連"]
    assert card["custom"] == {"allergy": "そば"}
    assert card["company"] == "山田商店"  # keep's own value wins
    assert card["reading"] == "ヤマダ タロウ"  # an empty field is filled from the duplicate
    assert card["vip"] is True
    assert [n.body for n in notes.notes_of(keep.id)] == ["辛いものが苦手"]
    assert len(orders.recent_orders(keep.id)) == 1
    assert Call.select().where(Call.customer == keep.id).count() == 1
    with pytest.raises(NotFound):
        customers.get_customer(dup.id)
    assert Customer.get_by_id(dup.id).merged_into.id == keep.id
    assert [c.id for c in lookup_by_number("090-1111-2222")] == [keep.id]
    assert [a.action for a in history("customer", dup.id)][-1] == "merge"
    assert verify_audit_chain().ok


def test_unmerge_puts_everything_back(store: Store, actor: Actor) -> None:
    keep, dup = _pair(actor)
    merge.merge_customers(actor, keep.id, 1, dup.id, dup.version)
    # work done on the survivor after the merge stays with it
    notes.add_note(actor, keep.id, "統合後のメモ")
    merge.unmerge_customers(actor, dup.id)
    keep_card = customers.customer_card(keep.id)
    dup_card = customers.customer_card(dup.id)
    assert [p["national"] for p in keep_card["phones"]] == ["0312345678"]
    assert [p["national"] for p in dup_card["phones"]] == ["09011112222"]
    assert keep_card["tags"] == ["常連"] and dup_card["tags"] == ["VIP", "常連"]
    assert keep_card["reading"] == "" and keep_card["vip"] is False
    assert dup_card["custom"] == {"allergy": "そば"} and keep_card["custom"] == {}
    assert [n.body for n in notes.notes_of(keep.id)] == ["統合後のメモ"]
    assert [n.body for n in notes.notes_of(dup.id)] == ["辛いものが苦手"]
    assert Call.select().where(Call.customer == dup.id).count() == 1
    assert [c.id for c in lookup_by_number("09011112222")] == [dup.id]
    assert verify_audit_chain().ok


def test_merge_refuses_stale_self_and_repeat(store: Store, actor: Actor) -> None:
    keep, dup = _pair(actor)
    with pytest.raises(StaleEdit):
        merge.merge_customers(actor, keep.id, 1, dup.id, dup.version - 1)
    with pytest.raises(Conflict):
        merge.merge_customers(actor, keep.id, 1, keep.id, 1)
    merge.merge_customers(actor, keep.id, 1, dup.id, dup.version)
    with pytest.raises(NotFound):
        merge.merge_customers(actor, keep.id, 2, dup.id, dup.version + 1)
    with pytest.raises(Conflict):
        merge.unmerge_customers(actor, keep.id)
