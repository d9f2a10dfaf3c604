"""The access log (db thread): a card opened at a desk is an audit row (action view: who, when,
which desk, in the encrypted, hash-chained log); an admin reads who looked at or changed a
customer, what a user changed (field names, never values), and whether the chain holds."""

from __future__ import annotations

import datetime as dt
import json

from appliance.contract.access_log import AccessEntryOut, ChainOut
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.db.models import AuditLog, Desk, utcnow

VIEW = "view"
SAME_VIEW = dt.timedelta(minutes=5)  # a card reloaded at the same desk is one look
LIMIT = 500


def record_open(actor: Actor, customer_id: int) -> None:
    """Log that actor opened the customer's card, once per SAME_VIEW per user and desk."""
    if actor.user_id is None:
        return
    recent = (
        AuditLog.select(AuditLog.id)
        .where(
            (AuditLog.entity == "customer")
            & (AuditLog.entity_id == customer_id)
            & (AuditLog.action == VIEW)
            & (AuditLog.user_id == actor.user_id)
            & (AuditLog.desk_id == actor.desk_id)
            & (AuditLog.at > utcnow() - SAME_VIEW)
        )
        .exists()
    )
    if not recent:
        with AuditLog._meta.database.atomic():
            audit.record(actor, "customer", customer_id, VIEW)


def _fields(row: AuditLog) -> list[str]:
    try:
        after = json.loads(row.after) if row.after else {}
    except ValueError:
        return []
    if not isinstance(after, dict):
        return []
    return sorted(k for k in after if k not in ("id", "version", "created_at", "updated_at"))


def _entries(rows: list[AuditLog]) -> list[AccessEntryOut]:
    desk_ids = {int(r.desk_id) for r in rows if r.desk_id is not None}
    desks = {int(d.id): str(d.name) for d in Desk.select().where(Desk.id.in_(desk_ids))}
    return [
        AccessEntryOut(
            id=r.id,
            at=r.at,
            user=r.actor_name,
            desk=desks.get(int(r.desk_id), "") if r.desk_id is not None else "",
            action=r.action,
            entity=r.entity,
            entity_id=r.entity_id,
            fields=[] if r.action == VIEW else _fields(r),
        )
        for r in rows
    ]


def of_customer(customer_id: int) -> list[AccessEntryOut]:
    """Who opened or changed this customer's card, newest first."""
    rows = (
        AuditLog.select()
        .where((AuditLog.entity == "customer") & (AuditLog.entity_id == customer_id))
        .order_by(AuditLog.id.desc())
        .limit(LIMIT)
    )
    return _entries(list(rows))


def changes_by(user_id: int) -> list[AccessEntryOut]:
    """What this user changed (every audited change but card views), newest first."""
    rows = (
        AuditLog.select()
        .where((AuditLog.user_id == user_id) & (AuditLog.action != VIEW))
        .order_by(AuditLog.id.desc())
        .limit(LIMIT)
    )
    return _entries(list(rows))


def verify() -> ChainOut:
    """The whole audit chain recomputed now."""
    verdict = audit.verify_audit_chain()
    return ChainOut(
        ok=verdict.ok, checked=verdict.checked, bad_id=verdict.bad_id, reason=verdict.reason
    )
