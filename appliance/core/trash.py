"""Customers deleted lately, for the desk's undo list (db thread)."""

from __future__ import annotations

from appliance.contract.trash import DeletedCustomerOut
from appliance.core import views
from appliance.db.models import AuditLog, Customer


def deleted_customers(limit: int = 100) -> list[DeletedCustomerOut]:
    """Deleted customers, newest first, with who deleted each (merged ones are left out)."""
    rows = list(
        Customer.select()
        .where(Customer.deleted_at.is_null(False) & Customer.merged_into.is_null())
        .order_by(Customer.deleted_at.desc())
        .limit(limit)
    )
    ids = [int(c.id) for c in rows]
    by: dict[int, str] = {}
    if ids:
        deletes = (
            AuditLog.select(AuditLog.entity_id, AuditLog.actor_name)
            .where(
                (AuditLog.entity == "customer")
                & (AuditLog.action == "delete")
                & AuditLog.entity_id.in_(ids)
            )
            .order_by(AuditLog.id)
        )
        by = {int(a.entity_id or 0): str(a.actor_name) for a in deletes}  # the latest wins
    phones = {s.id: s.phone for s in views.summaries(ids)}
    return [
        DeletedCustomerOut(
            id=c.id,
            display_name=c.display_name,
            reading=c.reading,
            company=c.company,
            phone=phones.get(int(c.id), ""),
            deleted_at=c.deleted_at or c.updated_at,
            deleted_by=by.get(int(c.id), ""),
            version=c.version,
        )
        for c in rows
    ]
