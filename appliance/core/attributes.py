"""Customer attributes: static, dynamic, flags, and admin-defined custom fields."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput, NotFound
from appliance.core.text import clean
from appliance.db.models import Customer, CustomFieldDef, CustomFieldValue
from appliance.db.models.people import GENDERS

STATIC = ("gender", "birth_date", "birthplace")
DYNAMIC = ("occupation", "interests", "household", "income_band")
FLAGS = ("vip", "caution", "blocked")
FIELD_TYPES = ("text", "number", "date", "bool", "choice")


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(clean(str(value)).replace("/", "-"))
    except ValueError:
        raise InvalidInput(f"日付として読めません / not a date (YYYY-MM-DD): {value!r}") from None


def check_attributes(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate static/dynamic attributes and flags; InvalidInput on unknown or bad values."""
    unknown = set(fields) - {*STATIC, *DYNAMIC, *FLAGS}
    if unknown:
        raise InvalidInput(f"不明な項目です / unknown customer fields: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "gender":
            if value not in GENDERS:
                raise InvalidInput(f"性別の値が不正です / gender must be one of {GENDERS}")
            out[name] = value
        elif name == "birth_date":
            born = _date(value)
            if born is not None and born > dt.date.today():
                raise InvalidInput("生年月日が未来です / the birth date is in the future")
            out[name] = born
        elif name in FLAGS:
            if not isinstance(value, bool):
                raise InvalidInput(f"{name} は真偽値です / {name} must be true or false")
            out[name] = value
        else:
            out[name] = clean(str(value)) if value is not None else ""
    return out


def define_field(
    actor: Actor,
    key: str,
    label: str,
    *,
    field_type: str = "text",
    label_en: str = "",
    choices: list[str] | None = None,
    position: int = 0,
) -> CustomFieldDef:
    """Define a custom customer field (admin)."""
    key = clean(key).lower()
    if not key or not key.replace("_", "").isalnum():
        raise InvalidInput(f"項目キーが不正です / bad field key: {key!r}")
    if field_type not in FIELD_TYPES:
        raise InvalidInput(f"型が不正です / field type must be one of {FIELD_TYPES}")
    if field_type == "choice" and not choices:
        raise InvalidInput("選択肢がありません / a choice field needs choices")
    if CustomFieldDef.get_or_none(CustomFieldDef.key == key) is not None:
        raise InvalidInput(f"同じキーの項目があります / field {key!r} already exists")
    return editing.create(
        actor,
        CustomFieldDef,
        key=key,
        label=clean(label),
        label_en=clean(label_en),
        field_type=field_type,
        choices=json.dumps([clean(c) for c in choices or []], ensure_ascii=False),
        position=position,
    )


def _canonical(definition: CustomFieldDef, value: Any) -> str:
    kind = definition.field_type
    if value is None or value == "":
        return ""
    if kind == "number":
        try:
            number = float(clean(str(value)).replace(",", ""))
        except ValueError:
            raise InvalidInput(f"{definition.label}: 数値ではありません / not a number") from None
        return str(int(number)) if number.is_integer() else repr(number)
    if kind == "date":
        day = _date(value)
        return day.isoformat() if day else ""
    if kind == "bool":
        if not isinstance(value, bool):
            raise InvalidInput(f"{definition.label}: true/false で指定してください / not a bool")
        return "true" if value else "false"
    text = clean(str(value))
    if kind == "choice" and text not in json.loads(definition.choices):
        raise InvalidInput(f"{definition.label}: 選択肢にない値です / not a choice: {text!r}")
    return text


def set_custom_value(actor: Actor, customer_id: int, key: str, value: Any) -> None:
    """Set (or with None/"" clear) a customer's value for custom field key."""
    editing.get_row(Customer, customer_id)
    definition = CustomFieldDef.get_or_none(
        (CustomFieldDef.key == key) & CustomFieldDef.deleted_at.is_null()
    )
    if definition is None:
        raise NotFound(f"項目がありません / no custom field {key!r}")
    text = _canonical(definition, value)
    with Customer._meta.database.atomic():
        row = CustomFieldValue.get_or_none(
            (CustomFieldValue.customer == customer_id) & (CustomFieldValue.field == definition.id)
        )
        before = None if row is None else {"customer": customer_id, key: row.value}
        if row is None:
            row = CustomFieldValue.create(customer=customer_id, field=definition.id, value=text)
        else:
            row.value = text
            row.save()
        audit.record(
            actor, "custom_field_value", row.id, "set", before, {"customer": customer_id, key: text}
        )


def custom_values(customer_id: int) -> dict[str, str]:
    """The customer's non-empty custom field values by key, in field order."""
    query = (
        CustomFieldValue.select(CustomFieldValue.value, CustomFieldDef.key)
        .join(CustomFieldDef)
        .where(
            (CustomFieldValue.customer == customer_id)
            & CustomFieldDef.deleted_at.is_null()
            & (CustomFieldValue.value != "")
        )
        .order_by(CustomFieldDef.position, CustomFieldDef.key)
    )
    return {row.field.key: row.value for row in query}


def edit_field(
    actor: Actor,
    field_id: int,
    expected_version: int,
    *,
    label: str | None = None,
    label_en: str | None = None,
    choices: list[str] | None = None,
    position: int | None = None,
) -> CustomFieldDef:
    """Relabel, reorder or change the choices of a field (its key and type stay)."""
    definition = editing.get_row(CustomFieldDef, field_id)
    changes: dict[str, Any] = {}
    if label is not None:
        changes["label"] = clean(label)
    if label_en is not None:
        changes["label_en"] = clean(label_en)
    if position is not None:
        changes["position"] = int(position)
    if choices is not None:
        if definition.field_type != "choice" or not choices:
            raise InvalidInput("選択肢は選択型の項目だけです / only choice fields take choices")
        changes["choices"] = json.dumps([clean(c) for c in choices], ensure_ascii=False)
    return editing.update(actor, CustomFieldDef, field_id, expected_version, changes)


def retire_field(actor: Actor, field_id: int, expected_version: int) -> CustomFieldDef:
    """Hide a field and its values (values are kept; editing.restore brings them back)."""
    return editing.soft_delete(actor, CustomFieldDef, field_id, expected_version)
