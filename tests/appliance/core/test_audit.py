"""The audit log: every change recorded with who/desk/before/after, hash chain detects tampering."""

from __future__ import annotations

import json

from faker import Faker

from appliance.core import customers, notes, users
from appliance.core.actor import Actor
from appliance.core.audit import GENESIS, history, redact, verify_audit_chain
from appliance.db.models import AuditLog
from appliance.db.store import Store

fake = Faker("ja_JP")


def _some_changes(actor: Actor) -> int:
    c = customers.create_customer(actor, fake.name(), phones=["03-1234-5678"])
    customers.update_customer(actor, c.id, 1, company="山田商店")
    notes.add_note(actor, c.id, "いつもの大盛り", time_spent_s=40)
    customers.delete_customer(actor, c.id, 2)
    customers.restore_customer(actor, c.id)
    return c.id


def test_changes_are_recorded_with_who_and_before_after(store: Store) -> None:
    admin = Actor.system("setup")
    user = users.create_user(admin, "sato", display_name="受付 佐藤")
    desk = users.create_desk(admin, "受付の PC")
    actor = users.actor_for(user, desk)
    cid = _some_changes(actor)
    rows = history("customer", cid)
    assert [r.action for r in rows] == ["create", "update", "delete", "restore"]
    update = rows[1]
    assert (update.user_id, update.desk_id, update.actor_name) == (user.id, desk.id, "受付 佐藤")
    assert json.loads(update.before) == {"company": "", "version": 1}
    assert json.loads(update.after) == {"company": "山田商店", "version": 2}
    assert json.loads(rows[2].after)["deleted_at"] is not None


def test_chain_verifies(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    _some_changes(actor)
    verdict = verify_audit_chain(batch=3)  # small batches cross page boundaries
    assert verdict.ok
    assert verdict.checked == AuditLog.select().count() > 10
    first = AuditLog.select().order_by(AuditLog.id).first()
    assert first.prev_hash == GENESIS


def test_edited_row_is_detected(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    victim = AuditLog.select().order_by(AuditLog.id).offset(2).first()
    AuditLog.update(after='{"company": "改ざん"}').where(AuditLog.id == victim.id).execute()
    verdict = verify_audit_chain()
    assert not verdict.ok
    assert verdict.bad_id == victim.id
    assert "before/after" in verdict.reason


def test_changed_who_is_detected(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    victim = AuditLog.select().order_by(AuditLog.id).offset(1).first()
    AuditLog.update(actor_name="別人").where(AuditLog.id == victim.id).execute()
    verdict = verify_audit_chain()
    assert (verdict.ok, verdict.bad_id) == (False, victim.id)
    assert "content" in verdict.reason


def test_redaction_needs_a_redact_record(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    victim = AuditLog.select().order_by(AuditLog.id).offset(1).first()
    AuditLog.update(before=None, after=None, redacted_at=victim.at).where(
        AuditLog.id == victim.id
    ).execute()
    assert not verify_audit_chain().ok
    redact(actor, [victim.id], "APPI erasure request")
    assert verify_audit_chain().ok


def test_deleted_row_is_detected(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    victim = AuditLog.select().order_by(AuditLog.id).offset(3).first()
    AuditLog.delete().where(AuditLog.id == victim.id).execute()
    verdict = verify_audit_chain()
    assert not verdict.ok
    assert verdict.bad_id is not None and verdict.bad_id > victim.id
    assert "previous" in verdict.reason


def test_rehashed_row_is_detected_by_the_next_one(store: Store, actor: Actor) -> None:
    _some_changes(actor)
    victim = AuditLog.select().order_by(AuditLog.id).offset(1).first()
    AuditLog.update(actor_name="誰か", hash="f" * 64).where(AuditLog.id == victim.id).execute()
    assert not verify_audit_chain().ok


def test_empty_log_verifies(store: Store) -> None:
    assert verify_audit_chain().ok
