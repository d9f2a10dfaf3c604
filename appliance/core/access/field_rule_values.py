"""The rules setting (access.field_rules) checked before it is stored: roles below admin, known
fields, modes hidden or read. Apart from field_rules so settings can check without a cycle."""

from __future__ import annotations

from typing import Any

from appliance.contract import CustomerFields
from appliance.contract.field_rules import CUSTOM_PREFIX, MODES, RESTRICTED_ROLES, RULES_KEY
from appliance.core.errors import InvalidInput

FIELDS = tuple(CustomerFields.model_fields)  # the profile fields a rule can name
Rules = dict[str, dict[str, str]]


def check_rules(value: Any) -> Rules:
    """The rules setting, checked: roles below admin, known fields, modes hidden or read."""
    if not isinstance(value, dict) or not set(value) <= set(RESTRICTED_ROLES):
        raise InvalidInput(
            f"制限は役割ごとです / rules are per role: {list(RESTRICTED_ROLES)} (admins see all)"
        )
    for role, fields in value.items():
        if not isinstance(fields, dict):
            raise InvalidInput(f"{role}: 項目と制限の対応です / a map of field -> mode")
        for name, mode in fields.items():
            known = name in FIELDS or (
                isinstance(name, str) and name.startswith(CUSTOM_PREFIX) and len(name) > 7
            )
            if not known:
                raise InvalidInput(f"{role}: 不明な項目です / unknown field {name!r}")
            if mode not in MODES:
                raise InvalidInput(f"{role}.{name}: 制限は {list(MODES)} / mode must be {MODES}")
    return {str(r): {str(k): str(v) for k, v in f.items()} for r, f in value.items()}


def check(key: str, value: Any) -> None:
    """settings' check for the rules key (other keys pass)."""
    if key == RULES_KEY:
        check_rules(value)
