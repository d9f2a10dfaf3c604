"""APPI: export everything about one person; erasure leaves no trace of them, chain intact."""

from __future__ import annotations

from faker import Faker

from appliance.core import call_log, customers, notes, orders, privacy, tasks
from appliance.core.actor import Actor
from appliance.core.audit import verify_audit_chain
from appliance.core.lookup import lookup_by_number
from appliance.core.search import search
from appliance.db.models import AuditLog, Call, Customer, Order
from appliance.db.store import Store

fake = Faker("ja_JP")
CANARY = "鳩山カナリア"


def _person(actor: Actor) -> int:
    c = customers.create_customer(
        actor,
        CANARY,
        reading="ハトヤマ カナリア",
        phones=["03-9876-5432"],
        emails=["canary@example.jp"],
        addresses=[{"city": "目黒区", "line1": "カナリア荘"}],
        tag_names=["常連"],
    )
    notes.add_note(actor, c.id, f"{CANARY}様は辛口が好き", time_spent_s=10)
    orders.place_order(
        actor, c.id, [orders.Line(description="カレー", unit_price=900)], note=f"{CANARY}様 玄関前"
    )
    tasks.create_task(actor, f"{CANARY}様へ折り返し", customer_id=c.id)
    call_log.create_call(
        actor,
        "1",
        number="03-9876-5432",
        customer_id=c.id,
        caller_name="HATOYAMA",
        raw_cid="NMBR=0398765432",
    )
    customers.update_customer(actor, c.id, 1, company=f"{CANARY}商会")
    return c.id


def test_export_has_everything(store: Store, actor: Actor) -> None:
    cid = _person(actor)
    other = customers.create_customer(actor, fake.name(), phones=["06-1111-2222"])
    report = privacy.export_person(cid)
    assert report["customer"]["display_name"] == CANARY
    assert [p["national"] for p in report["phone"]] == ["0398765432"]
    assert len(report["note"]) == 1 and len(report["order"]) == 1
    assert len(report["order_item"]) == 1 and len(report["call"]) == 1
    assert report["tags"] == ["常連"]
    assert all(p["customer"] != other.id for p in report["phone"])


def test_erasure_leaves_no_trace(store: Store, actor: Actor) -> None:
    cid = _person(actor)
    kept = customers.create_customer(actor, fake.name(), phones=["06-1111-2222"])
    assert privacy.erase_customer(actor, cid) > 5
    assert verify_audit_chain().ok
    assert lookup_by_number("0398765432") == []
    assert search("カナリア", 10) == []
    for row in AuditLog.select():
        assert CANARY not in (row.before or "") + (row.after or "")
        assert "0398765432" not in (row.before or "") + (row.after or "")
    report = privacy.export_person(cid)
    assert CANARY not in repr(report) and "0398765432" not in repr(report)
    assert Customer.get_by_id(cid).display_name == privacy.ERASED_NAME
    # business records stay for the books, without the person
    assert Order.select().where(Order.customer == cid).count() == 1
    assert Call.get(Call.customer == cid).number == ""
    # everyone else is untouched
    assert [c.id for c in lookup_by_number("0611112222")] == [kept.id]
