"""Custom-field values of imported rows: the definitions they need (taken from the file's
definitions sheet, or made text fields named by their column), their canonical text, and the
rows that store them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from appliance.core.importing import values
from appliance.core.importing.extra import FieldDef
from appliance.core.importing.records import Record
from appliance.db.bulk import insert_rows
from appliance.db.connection import sql_datetime
from appliance.db.models import CustomFieldDef, CustomFieldValue, utcnow

_KINDS = ("text", "number", "date", "bool", "choice")
_DEF_COLUMNS = ("key", "label", "label_en", "field_type", "choices", "position")


@dataclass(frozen=True)
class Definition:
    """A stored custom field as an import checks values against it."""

    id: int
    key: str
    field_type: str
    choices: frozenset[str]


def definitions() -> dict[str, Definition]:
    """Every live custom field by key."""
    rows: Any = CustomFieldDef.select().where(CustomFieldDef.deleted_at.is_null())
    return {
        d.key: Definition(d.id, d.key, d.field_type, frozenset(json.loads(d.choices or "[]")))
        for d in rows
    }


def ensure_definitions(
    keys: Mapping[str, str], from_file: Sequence[FieldDef]
) -> tuple[dict[str, Definition], list[str]]:
    """The definitions for keys (key -> column header), creating the missing ones as the
    file's definitions sheet describes them (else as text fields); also the keys created."""
    known = definitions()
    described = {d.key: d for d in from_file}
    created = []
    now = sql_datetime(utcnow())
    position = len(known)
    for key, header in keys.items():
        if key in known:
            continue
        d = described.get(key) or FieldDef(key=key, label=header or key)
        kind = d.field_type if d.field_type in _KINDS else "text"
        if kind == "choice" and not d.choices:
            kind = "text"
        position += 1
        insert_rows(
            CustomFieldDef,
            [*_DEF_COLUMNS, "created_at", "updated_at", "version"],
            [
                (
                    key,
                    d.label,
                    d.label_en,
                    kind,
                    json.dumps(list(d.choices), ensure_ascii=False),
                    position,
                    now,
                    now,
                    1,
                )
            ],
        )
        created.append(key)
    return (definitions() if created else known), created


def canonical(definition: Definition, text: str) -> str:
    """The value as stored for this field; ValueError with the reason when it does not fit."""
    kind = definition.field_type
    if kind == "number":
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"{definition.key}: 数値ではありません / not a number") from None
        return str(int(number)) if number.is_integer() else repr(number)
    if kind == "date":
        try:
            return values.date(text).isoformat()
        except ValueError as exc:
            raise ValueError(f"{definition.key}: {exc}") from None
    if kind == "bool":
        return "true" if values.flag(text) else "false"
    if kind == "choice" and text not in definition.choices:
        raise ValueError(f"{definition.key}: 選択肢にない値です / not a choice: {text!r}")
    return text


def check_values(record: Record, defs: Mapping[str, Definition]) -> str:
    """Canonicalise the record's custom values in place; the first problem, or ''."""
    for key, text in record.custom.items():
        try:
            record.custom[key] = canonical(defs[key], text)
        except ValueError as exc:
            return str(exc)
    return ""


def write_values(
    ids: Sequence[int], records: Sequence[Record], defs: Mapping[str, Definition]
) -> None:
    """Store the custom values of just-written records."""
    now = sql_datetime(utcnow())
    rows = [
        (cid, defs[key].id, value, now, now)
        for cid, r in zip(ids, records, strict=True)
        for key, value in r.custom.items()
        if value
    ]
    insert_rows(CustomFieldValue, ["customer", "field", "value", "created_at", "updated_at"], rows)
