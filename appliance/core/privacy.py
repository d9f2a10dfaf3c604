"""APPI requests: everything held about one person, and erasure (anonymise, redact the audit)."""

from __future__ import annotations

from typing import Any

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.attributes import custom_values
from appliance.core.indexing import customers_changed
from appliance.core.tags import tags_of
from appliance.db.models import (
    Address,
    AuditLog,
    BaseModel,
    BusinessCard,
    Call,
    CallListEntry,
    Customer,
    CustomerTag,
    CustomFieldValue,
    Email,
    Interaction,
    Note,
    Order,
    OrderItem,
    Phone,
    SurveyResponse,
    Task,
    utcnow,
)
from appliance.db.models.printing import PrintJob

ERASED_NAME = "削除済み / erased"
# Rows that only exist because of the person: removed outright on erasure.
REMOVED: tuple[type[BaseModel], ...] = (
    Phone,
    Email,
    Address,
    Note,
    CustomFieldValue,
    CustomerTag,
    BusinessCard,
    CallListEntry,
)
# Rows kept for the business (counts, sales), with their personal text blanked.
BLANKED: dict[type[BaseModel], dict[str, Any]] = {
    Call: {
        "number": "",
        "number_e164": None,
        "number_national": "",
        "raw_cid": "",
        "caller_name": "",
    },
    Order: {"note": ""},
    Task: {"reason": ""},
    Interaction: {"summary": ""},
    SurveyResponse: {"comment": ""},
}


def _rows(model: type[BaseModel], customer_id: int) -> list[BaseModel]:
    field: Any = model._meta.fields["customer"]
    return list(model.select().where(field == customer_id).order_by(model.id))


def export_person(customer_id: int) -> dict[str, Any]:
    """Every row held about the customer (also deleted ones), as JSON-ready dicts."""
    customer = editing.get_row(Customer, customer_id, include_deleted=True)
    out: dict[str, Any] = {"customer": audit.row_to_dict(customer)}
    out["tags"] = tags_of(customer_id)
    out["custom"] = custom_values(customer_id)
    for model in (
        Phone,
        Email,
        Address,
        Note,
        Call,
        Order,
        Task,
        Interaction,
        BusinessCard,
        SurveyResponse,
        CallListEntry,
    ):
        out[editing.entity_name(model)] = [audit.row_to_dict(r) for r in _rows(model, customer_id)]
    from appliance.recordings.erase import export_rows

    out.update(export_rows(customer_id))  # recordings (without keys) and transcripts
    order_ids = [o["id"] for o in out["order"]]
    out["order_item"] = [
        audit.row_to_dict(i) for i in OrderItem.select().where(OrderItem.order.in_(order_ids))
    ]
    return out


def erase_print_jobs(customer_id: int) -> int:
    """Delete the print jobs of the customer's orders (waiting ones too); how many."""
    orders = Order.select(Order.id).where(Order.customer == customer_id)
    return int(PrintJob.delete().where(PrintJob.order_id.in_(orders)).execute())


def erase_customer(actor: Actor, customer_id: int, reason: str = "APPI erasure request") -> int:
    """Anonymise the customer, remove or blank their rows, redact their audit rows."""
    with Customer._meta.database.atomic():
        customer = editing.get_row(Customer, customer_id, include_deleted=True)
        touched: dict[str, list[int]] = {"customer": [customer_id]}
        from appliance.recordings.erase import erase_rows

        touched["recording"] = erase_rows(actor, customer_id, reason)  # keys gone: audio unreadable
        erase_print_jobs(customer_id)  # their slips hold the name, phone and address
        for model in REMOVED:
            rows = _rows(model, customer_id)
            touched[editing.entity_name(model)] = [int(r.id) for r in rows]
            for r in rows:
                r.delete_instance()
        for model, blank in BLANKED.items():
            rows = _rows(model, customer_id)
            touched[editing.entity_name(model)] = [int(r.id) for r in rows]
            field: Any = model._meta.fields["customer"]
            values = {model._meta.fields[k]: v for k, v in blank.items()}
            model.update(values).where(field == customer_id).execute()
        blank_customer = {
            name: f.default
            for name, f in Customer._meta.fields.items()
            if name not in ("id", "created_at", "version", "deleted_at", "merged_into", "kind")
            and not callable(f.default)
        }
        blank_customer.update(display_name=ERASED_NAME, updated_at=utcnow())
        blank_customer["version"] = customer.version + 1
        blank_customer["deleted_at"] = customer.deleted_at or utcnow()
        Customer.update({Customer._meta.fields[k]: v for k, v in blank_customer.items()}).where(
            Customer.id == customer_id
        ).execute()
        ids: list[int] = []
        for entity, row_ids in touched.items():
            for start in range(0, len(row_ids), 500):
                chunk = row_ids[start : start + 500]
                ids += [
                    a.id
                    for a in AuditLog.select(AuditLog.id).where(
                        (AuditLog.entity == entity) & AuditLog.entity_id.in_(chunk)
                    )
                ]
        redacted = audit.redact(actor, ids, reason)
        counts = {k: len(v) for k, v in touched.items()}
        audit.record(actor, "customer", customer_id, "erase", None, {"rows": counts})
        customers_changed(customer_id)
    return redacted
