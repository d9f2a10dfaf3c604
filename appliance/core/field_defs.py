"""Custom-field definitions as an admin keeps them (db thread): list, add, edit, retire, bring
back; the rules are attributes' (keys, types, choices), answered as wire models."""

from __future__ import annotations

import json

from appliance.contract.custom_fields import CustomFieldIn, CustomFieldOut, CustomFieldPatch
from appliance.core import attributes, editing
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.models import CustomFieldDef


def field_out(row: CustomFieldDef) -> CustomFieldOut:
    """A definition on the wire."""
    return CustomFieldOut(
        id=row.id,
        key=row.key,
        label=row.label,
        label_en=row.label_en,
        field_type=row.field_type,
        choices=json.loads(row.choices or "[]"),
        position=row.position,
        retired=row.deleted_at is not None,
        version=row.version,
    )


def list_fields(include_retired: bool = False) -> list[CustomFieldOut]:
    """Definitions in card order (position, then key); retired ones only when asked."""
    query = CustomFieldDef.select().order_by(CustomFieldDef.position, CustomFieldDef.key)
    if not include_retired:
        query = query.where(CustomFieldDef.deleted_at.is_null())
    return [field_out(row) for row in query]


def _current(field_id: int) -> CustomFieldOut:
    return field_out(editing.get_row(CustomFieldDef, field_id, include_deleted=True))


def create(actor: Actor, body: CustomFieldIn) -> CustomFieldOut:
    """A new field (audited); InvalidInput for a bad key, type or missing choices."""
    row = attributes.define_field(
        actor,
        body.key,
        body.label,
        field_type=body.field_type,
        label_en=body.label_en,
        choices=body.choices,
        position=body.position,
    )
    return field_out(row)


def patch(actor: Actor, field_id: int, body: CustomFieldPatch) -> CustomFieldOut:
    """Relabel, reorder or rechoose (versioned); StaleEdit carries the field as it is now."""
    try:
        attributes.edit_field(
            actor,
            field_id,
            body.version,
            label=body.label,
            label_en=body.label_en,
            choices=body.choices,
            position=body.position,
        )
    except StaleEdit as exc:
        now = _current(field_id).model_dump(mode="json")
        raise StaleEdit(exc.entity, exc.row_id, exc.expected, now) from None
    return _current(field_id)


def retire(actor: Actor, field_id: int, version: int) -> CustomFieldOut:
    """Hide the field from every card (its values are kept)."""
    try:
        attributes.retire_field(actor, field_id, version)
    except StaleEdit as exc:
        now = _current(field_id).model_dump(mode="json")
        raise StaleEdit(exc.entity, exc.row_id, exc.expected, now) from None
    return _current(field_id)


def bring_back(actor: Actor, field_id: int) -> CustomFieldOut:
    """Undo a retire: the field and its values show again."""
    editing.restore(actor, CustomFieldDef, field_id)
    return _current(field_id)
