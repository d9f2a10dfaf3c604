"""Generic audited writes: create, versioned update (StaleEdit), soft delete and restore."""

from __future__ import annotations

from typing import Any, TypeVar

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput, NotFound, StaleEdit
from appliance.db.models import BaseModel, EditableModel, utcnow

M = TypeVar("M", bound=BaseModel)
E = TypeVar("E", bound=EditableModel)

_PROTECTED = {"id", "version", "created_at", "updated_at", "deleted_at"}


def entity_name(model: type[BaseModel]) -> str:
    """The name audit rows use for a model (its table name)."""
    return str(model._meta.table_name)


def get_row(model: type[M], row_id: int, *, include_deleted: bool = False) -> M:
    """The row with this id; NotFound if missing (or soft-deleted, unless include_deleted)."""
    row = model.get_or_none(model.id == row_id)
    if row is None or (
        not include_deleted and isinstance(row, EditableModel) and row.deleted_at is not None
    ):
        raise NotFound(f"見つかりません / {entity_name(model)} #{row_id} not found")
    return row


def create(actor: Actor, model: type[M], **fields: Any) -> M:
    """Insert a row and audit it."""
    db = model._meta.database
    with db.atomic():
        row = model.create(**fields)
        audit.record(actor, entity_name(model), row.id, "create", None, audit.row_to_dict(row))
    return row


def _check_fields(model: type[BaseModel], changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(model._meta.fields)
    bad = unknown | (set(changes) & _PROTECTED)
    if bad:
        names = ", ".join(sorted(bad))
        raise InvalidInput(f"変更できない項目です / cannot change {names} of {entity_name(model)}")


def update(
    actor: Actor, model: type[E], row_id: int, expected_version: int, changes: dict[str, Any]
) -> E:
    """Apply changes if the row is still at expected_version; else StaleEdit with the row now."""
    _check_fields(model, changes)
    db = model._meta.database
    with db.atomic():
        before = get_row(model, row_id, include_deleted=True)
        if before.deleted_at is not None:
            raise Conflict(f"削除済みです / {entity_name(model)} #{row_id} is deleted")
        if before.version != expected_version:
            raise StaleEdit(entity_name(model), row_id, expected_version, audit.row_to_dict(before))
        if not changes:
            return before
        old = _changed(audit.row_to_dict(before), changes)
        now = utcnow()
        values = {model._meta.fields[k]: v for k, v in changes.items()}
        values[model.version] = model.version + 1
        values[model.updated_at] = now
        count = (
            model.update(values)
            .where((model.id == row_id) & (model.version == expected_version))
            .execute()
        )
        if count != 1:  # changed by a writer outside this process between the read and now
            current = get_row(model, row_id, include_deleted=True)
            raise StaleEdit(
                entity_name(model), row_id, expected_version, audit.row_to_dict(current)
            )
        after = before  # the same row, now as written: no second read needed
        for name, value in changes.items():
            setattr(after, name, value)
        after.version = expected_version + 1
        after.updated_at = now
        audit.record(
            actor,
            entity_name(model),
            row_id,
            "update",
            old,
            _changed(audit.row_to_dict(after), changes),
        )
    return after


def _changed(row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    keep = set(changes) | {"version"}
    return {k: v for k, v in row.items() if k in keep}


def soft_delete(actor: Actor, model: type[E], row_id: int, expected_version: int) -> E:
    """Mark the row deleted (undo with restore); StaleEdit if it changed meanwhile."""
    db = model._meta.database
    with db.atomic():
        row = get_row(model, row_id, include_deleted=True)
        if row.deleted_at is not None:
            return row
        if row.version != expected_version:
            raise StaleEdit(entity_name(model), row_id, expected_version, audit.row_to_dict(row))
        before = audit.row_to_dict(row)
        row.deleted_at = utcnow()
        row.version += 1
        row.save()
        audit.record(actor, entity_name(model), row_id, "delete", before, audit.row_to_dict(row))
    return row


def restore(actor: Actor, model: type[E], row_id: int) -> E:
    """Undo a soft delete."""
    db = model._meta.database
    with db.atomic():
        row = get_row(model, row_id, include_deleted=True)
        if row.deleted_at is None:
            return row
        before = audit.row_to_dict(row)
        row.deleted_at = None
        row.version += 1
        row.save()
        audit.record(actor, entity_name(model), row_id, "restore", before, audit.row_to_dict(row))
    return row


def fk_id(row: BaseModel, field: str) -> int | None:
    """The raw id in a foreign-key column, without loading the referenced row."""
    value = row.__data__.get(field)
    return int(value) if value is not None else None
