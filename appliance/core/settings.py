"""Box settings stored in the database as JSON values, audited on change."""

from __future__ import annotations

import json
import re
from typing import Any

import phonenumbers

from appliance.contract import SettingsOut
from appliance.core import audit, shop_settings, shop_time, tax
from appliance.core.access import field_rule_values
from appliance.core.actor import Actor
from appliance.core.analysis import params as analysis_params
from appliance.core.errors import InvalidInput
from appliance.db.models import Setting, database_proxy, utcnow

_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
DEFAULTS: dict[str, Any] = {
    "region": "JP",
    "currency": "JPY",
    "business_day.cutover": "04:00",
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


def stored(keys: tuple[str, ...]) -> dict[str, Any]:
    """The stored values of these keys (keys never set left out)."""
    rows = Setting.select().where(Setting.key.in_(keys))
    return {str(r.key): json.loads(r.value) for r in rows}


def default_region() -> str:
    """The region phone numbers without a country code are read in (JP unless set)."""
    return str(get_setting("region") or "JP")


def all_settings() -> SettingsOut:
    """Defaults overlaid with stored values (internal keys, starting with _, left out)."""
    values = dict(DEFAULTS)
    for row in Setting.select().order_by(Setting.key):
        if not str(row.key).startswith("_"):
            values[str(row.key)] = json.loads(row.value)
    return SettingsOut(values=values)


def _check(key: str, value: Any) -> None:
    if not _KEY.match(key):
        raise InvalidInput(f"設定名が不正です / bad setting name {key!r} (a-z, 0-9, _ . -)")
    if key == "region" and value not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(f"地域コードが不正です / region must be a code like JP or US: {value!r}")
    if key == "currency" and not (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value)):
        raise InvalidInput(f"通貨コードが不正です / currency must be like JPY: {value!r}")
    shop_time.check_setting(key, value)
    tax.check_setting(key, value)
    shop_settings.check(key, value)
    analysis_params.check_setting(key, value)
    field_rule_values.check(key, value)
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise InvalidInput(
            f"{key}: NaN や無限大は保存できません / NaN and infinity cannot be stored"
        ) from None
    if len(text) > 20000:
        raise InvalidInput(f"値が大きすぎます / the value of {key} is too large")


def put_settings(actor: Actor, values: dict[str, Any]) -> SettingsOut:
    """Store every given value (checked first, so a bad one changes nothing)."""
    for key, value in values.items():
        _check(key, value)
    with database_proxy.atomic():
        for key, value in values.items():
            set_setting(actor, key, value)
    return all_settings()
