"""Interactions and history, call lists, block list, business cards, surveys, call rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from faker import Faker

from appliance.core import (
    blocklist,
    call_lists,
    call_log,
    cards,
    customers,
    interactions,
    users,
)
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.db.store import Store

fake_ja = Faker("ja_JP")
fake_en = Faker("en_US")


def test_history_mixes_calls_and_manual_entries(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name())
    t0 = dt.datetime(2026, 11, 20, 9, 0)
    call_log.create_call(actor, "1", number="03-1234-5678", customer_id=c.id, started_at=t0)
    interactions.log_interaction(
        actor, c.id, "fax", "注文書 FAX 受信", occurred_at=t0 + dt.timedelta(hours=1)
    )
    interactions.log_interaction(actor, c.id, "visit", "来店", occurred_at=t0 - dt.timedelta(1))
    kinds = [h.kind for h in interactions.history(c.id)]
    assert kinds == ["fax", "call", "visit"]
    with pytest.raises(InvalidInput):
        interactions.log_interaction(actor, c.id, "call", "manual calls come from the line")


def test_claim_and_disposition(store: Store, actor: Actor) -> None:
    admin = Actor.system("setup")
    a = users.actor_for(users.create_user(admin, "sato"), users.create_desk(admin, "受付"))
    b = users.actor_for(users.create_user(admin, "tanaka"), users.create_desk(admin, "配達"))
    call = call_log.create_call(Actor.system("line"), "1", number="非通知")
    assert call.number_e164 is None  # garbage number kept raw, not refused
    call_log.claim_call(a, call.id)
    with pytest.raises(Conflict):
        call_log.claim_call(b, call.id)
    done = call_log.set_disposition(a, call.id, "order")
    assert done.disposition == "order" and done.user.username == "sato"
    c = customers.create_customer(a, fake_ja.name())
    assert call_log.set_customer(a, call.id, c.id).customer.id == c.id
    with pytest.raises(InvalidInput):
        call_log.set_disposition(a, call.id, "nonsense")


def test_call_list_round(store: Store, actor: Actor) -> None:
    ids = [customers.create_customer(actor, fake_en.name()).id for _ in range(3)]
    cl = call_lists.create_call_list(actor, "年末のご挨拶", [*ids, ids[0]])
    entries = call_lists.next_entries(cl.id)
    assert [e.customer.id for e in entries] == ids
    call_lists.record_attempt(actor, entries[0].id, 1, "called")
    call_lists.record_attempt(actor, entries[1].id, 1, "no_answer")
    after = call_lists.next_entries(cl.id)
    assert [e.id for e in after] == [entries[2].id, entries[1].id]  # fewest attempts first
    assert call_lists.progress(cl.id) == {"uncalled": 1, "called": 1, "no_answer": 1, "callback": 0}
    with pytest.raises(Conflict):
        call_lists.add_entry(actor, cl.id, ids[1])


def test_block_list_matches_any_form(store: Store, actor: Actor) -> None:
    entry = blocklist.block_number(actor, "+81 3-1234-5678", "営業電話")
    assert blocklist.is_blocked("0312345678")
    assert blocklist.is_blocked("+81312345678")
    assert not blocklist.is_blocked("0312345679")
    assert blocklist.is_blocked("03-1234-5678", "US")  # a domestic form still matches by digits
    assert not blocklist.is_blocked("非通知") and not blocklist.is_blocked("")
    with pytest.raises(Conflict):
        blocklist.block_number(actor, "03(1234)5678")
    blocklist.unblock(actor, entry.id, 1)
    assert not blocklist.is_blocked("0312345678")


def test_business_card_and_survey(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake_ja.name())
    card = cards.add_business_card(
        actor,
        customer_id=c.id,
        image_ref="blob:ab12",
        ocr_text="株式会社サンプル\n営業部 部長",
        parsed={"company": "株式会社サンプル", "title": "部長", "fax": ""},
        exchanged_at=dt.date(2026, 10, 1),
        exchanged_where="展示会",
    )
    assert json.loads(card.parsed) == {"company": "株式会社サンプル", "title": "部長"}
    scores = [10, 9, 8, 3]
    for s in scores:
        cards.record_survey(actor, s, customer_id=c.id)
    assert cards.nps(scores) == 25.0
    with pytest.raises(InvalidInput):
        cards.record_survey(actor, 11)
