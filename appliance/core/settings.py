"""Box settings stored in the database as JSON values, audited on change."""

from __future__ import annotations

import json
from typing import Any

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.db.models import Setting, utcnow

DEFAULTS: dict[str, Any] = {
    "region": "JP",
    "currency": "JPY",
}


def get_setting(key: str, default: Any = None) -> Any:
    """The stored value of key, else DEFAULTS[key], else default."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default)
    return json.loads(row.value)


def set_setting(actor: Actor, key: str, value: Any) -> None:
    """Store value (anything JSON can hold) under key."""
    text = json.dumps(value, ensure_ascii=False)
    with Setting._meta.database.atomic():
        row = Setting.get_or_none(Setting.key == key)
        before = None if row is None else {"key": key, "value": json.loads(row.value)}
        if row is None:
            row = Setting.create(key=key, value=text)
        else:
            row.value = text
            row.updated_at = utcnow()
            row.save()
        audit.record(actor, "setting", row.id, "set", before, {"key": key, "value": value})


def default_region() -> str:
    """The region phone numbers without a country code are read in (JP unless set)."""
    return str(get_setting("region") or "JP")
