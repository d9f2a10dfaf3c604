"""Merging two duplicate customers into one, keeping both histories, and undoing the merge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, NotFound, StaleEdit
from appliance.core.indexing import customers_changed
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
    Phone,
    SurveyResponse,
    Task,
    utcnow,
)

# Rows that simply change owner; the merge manifest lists their ids so undo can move them back.
MOVED: dict[str, type[BaseModel]] = {
    "phone": Phone,
    "email": Email,
    "address": Address,
    "note": Note,
    "order": Order,
    "call": Call,
    "task": Task,
    "interaction": Interaction,
    "business_card": BusinessCard,
    "survey_response": SurveyResponse,
    "call_list_entry": CallListEntry,
}
FILLED = (
    "reading",
    "company",
    "department",
    "title",
    "birthplace",
    "occupation",
    "interests",
    "household",
    "income_band",
    "caution_note",
)
FLAGS = ("vip", "caution", "blocked")


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: the surviving customer, and how many rows moved per kind."""

    keep_id: int
    dup_id: int
    moved: dict[str, int]
    audit_id: int


def _check(row: Customer, expected: int) -> None:
    if row.version != expected:
        raise StaleEdit("customer", int(row.id), expected, audit.row_to_dict(row))


def _move(model: type[BaseModel], ids: list[int], customer_id: int) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        field: Any = model._meta.fields["customer"]
        model.update({field: customer_id}).where(model.id.in_(chunk)).execute()


def merge_customers(
    actor: Actor, keep_id: int, keep_version: int, dup_id: int, dup_version: int
) -> MergeResult:
    """Move everything of dup onto keep, fill keep's empty fields, delete dup (undoable)."""
    if keep_id == dup_id:
        raise Conflict("同じ顧客です / a customer cannot be merged into itself")
    with Customer._meta.database.atomic():
        keep = editing.get_row(Customer, keep_id)
        dup = editing.get_row(Customer, dup_id)
        _check(keep, keep_version)
        _check(dup, dup_version)
        moved: dict[str, list[int]] = {}
        for name, model in MOVED.items():
            field: Any = model._meta.fields["customer"]
            ids = [r.id for r in model.select(model.id).where(field == dup_id)]
            _move(model, ids, keep_id)
            moved[name] = ids
        keep_tags = {
            editing.fk_id(link, "tag")
            for link in CustomerTag.select().where(CustomerTag.customer == keep_id)
        }
        tag_links: list[int] = []
        for link in CustomerTag.select().where(CustomerTag.customer == dup_id):
            tag_id = editing.fk_id(link, "tag")
            if tag_id not in keep_tags:
                CustomerTag.update(customer=keep_id).where(CustomerTag.id == link.id).execute()
                tag_links.append(int(tag_id or 0))
        keep_fields = {
            editing.fk_id(v, "field")
            for v in CustomFieldValue.select().where(
                (CustomFieldValue.customer == keep_id) & (CustomFieldValue.value != "")
            )
        }
        custom_moved: list[int] = []
        for value in CustomFieldValue.select().where(CustomFieldValue.customer == dup_id):
            if editing.fk_id(value, "field") not in keep_fields:
                CustomFieldValue.delete().where(
                    (CustomFieldValue.customer == keep_id)
                    & (CustomFieldValue.field == editing.fk_id(value, "field"))
                ).execute()
                CustomFieldValue.update(customer=keep_id).where(
                    CustomFieldValue.id == value.id
                ).execute()
                custom_moved.append(int(value.id))
        filled: dict[str, Any] = {}
        for name in FILLED:
            if not getattr(keep, name) and getattr(dup, name):
                filled[name] = getattr(dup, name)
        if keep.birth_date is None and dup.birth_date is not None:
            filled["birth_date"] = dup.birth_date
        if keep.gender == "unknown" and dup.gender != "unknown":
            filled["gender"] = dup.gender
        for name in FLAGS:
            if getattr(dup, name) and not getattr(keep, name):
                filled[name] = True
        editing.update(actor, Customer, keep_id, keep_version, filled)
        Customer.update(
            merged_into=keep_id,
            deleted_at=utcnow(),
            version=Customer.version + 1,
            updated_at=utcnow(),
        ).where(Customer.id == dup_id).execute()
        manifest = {
            "keep": keep_id,
            "dup": dup_id,
            "moved": moved,
            "tag_links": tag_links,
            "custom_values": custom_moved,
            "filled": audit.row_to_dict(Customer(**filled)) if filled else {},
            "filled_fields": sorted(filled),
        }
        entry = audit.record(actor, "customer", dup_id, "merge", audit.row_to_dict(dup), manifest)
        customers_changed(keep_id, dup_id)
    return MergeResult(keep_id, dup_id, {k: len(v) for k, v in moved.items()}, int(entry.id))


def unmerge_customers(actor: Actor, dup_id: int) -> Customer:
    """Undo the latest merge of dup: its rows, tags and values go back, keep's fills revert."""
    with Customer._meta.database.atomic():
        dup = editing.get_row(Customer, dup_id, include_deleted=True)
        keep_id = editing.fk_id(dup, "merged_into")
        if keep_id is None:
            raise Conflict(f"統合されていません / customer #{dup_id} is not merged")
        entry = (
            AuditLog.select()
            .where(
                (AuditLog.entity == "customer")
                & (AuditLog.entity_id == dup_id)
                & (AuditLog.action == "merge")
            )
            .order_by(AuditLog.id.desc())
            .first()
        )
        if entry is None:
            raise NotFound(f"統合の記録がありません / no merge record for #{dup_id}")
        manifest = json.loads(entry.after)
        for name, ids in manifest["moved"].items():
            model = MOVED[name]
            field: Any = model._meta.fields["customer"]
            still = [
                r.id for r in model.select(model.id).where(model.id.in_(ids) & (field == keep_id))
            ]
            _move(model, still, dup_id)
        for tag_id in manifest["tag_links"]:
            CustomerTag.update(customer=dup_id).where(
                (CustomerTag.customer == keep_id) & (CustomerTag.tag == tag_id)
            ).execute()
        for value_id in manifest["custom_values"]:
            CustomFieldValue.update(customer=dup_id).where(
                (CustomFieldValue.id == value_id) & (CustomFieldValue.customer == keep_id)
            ).execute()
        keep = editing.get_row(Customer, keep_id, include_deleted=True)
        now = audit.row_to_dict(keep)
        revert = {}
        for name in manifest["filled_fields"]:
            if now[name] == manifest["filled"][name]:  # nobody changed it since the merge
                revert[name] = Customer._meta.fields[name].default
        if revert:
            editing.update(actor, Customer, keep_id, int(keep.version), revert)
        before = audit.row_to_dict(dup)
        Customer.update(
            merged_into=None, deleted_at=None, version=Customer.version + 1, updated_at=utcnow()
        ).where(Customer.id == dup_id).execute()
        restored = editing.get_row(Customer, dup_id)
        audit.record(actor, "customer", dup_id, "unmerge", before, audit.row_to_dict(restored))
        customers_changed(keep_id, dup_id)
    return restored
