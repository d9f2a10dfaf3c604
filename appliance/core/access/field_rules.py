"""View and edit restrictions per role and customer field, enforced here for every card the box
answers with: a hidden field never leaves the box for that role (cards, stale-edit answers,
replica rows) and an edit of a hidden or read-only field is refused (Forbidden, 403)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from appliance.contract import CustomerCard, CustomerFields, CustomerIn, CustomerPatch
from appliance.contract.field_rules import CUSTOM_PREFIX, RESTRICTED_ROLES, RULES_KEY
from appliance.core import settings
from appliance.core.access.field_rule_values import FIELDS
from appliance.core.errors import Forbidden
from appliance.db.models import CustomFieldDef

REFUSED = "この項目は変更できません / your role may not change {fields}"


def rules_of(role: str) -> dict[str, str]:
    """field -> mode for this role (db thread); an admin (or unknown role: none) has none."""
    if role not in RESTRICTED_ROLES:
        return {} if role == "admin" else dict.fromkeys(FIELDS, "hidden")
    stored = settings.get_setting(RULES_KEY) or {}
    return dict(stored.get(role) or {})


def _hidden(rules: dict[str, str]) -> set[str]:
    return {name for name, mode in rules.items() if mode == "hidden"}


def redact(card: dict[str, Any], rules: dict[str, str]) -> dict[str, Any]:
    """A card as a dict with the hidden fields at their empty value and hidden custom keys gone."""
    hidden = _hidden(rules)
    if not hidden:
        return card
    out = dict(card)
    for name in hidden & set(FIELDS):
        if name in out:
            out[name] = CustomerCard.model_fields[name].get_default()
    custom = out.get("custom")
    if isinstance(custom, dict):
        out["custom"] = {k: v for k, v in custom.items() if CUSTOM_PREFIX + k not in hidden}
    return out


def redact_card(card: CustomerCard, role: str) -> CustomerCard:
    """The card as `role` may see it (db thread)."""
    rules = rules_of(role)
    if not _hidden(rules):
        return card
    return CustomerCard.model_validate(redact(card.model_dump(), rules))


def refuse_edits(role: str, names: Iterable[str]) -> None:
    """Forbidden naming every field `role` may not change (hidden or read-only)."""
    rules = rules_of(role)
    refused = sorted(n for n in names if n in rules)
    if refused:
        raise Forbidden(REFUSED.format(fields=", ".join(refused)))


def patch_fields(body: CustomerPatch) -> list[str]:
    """The rule names an edit touches (profile fields given, custom keys set)."""
    given = body.model_dump(exclude_unset=True, exclude={"version", "tags", "custom"})
    names = [n for n in given if n in FIELDS]
    return names + [CUSTOM_PREFIX + k for k in body.custom or {}]


def create_fields(body: CustomerIn) -> list[str]:
    """The rule names a new customer fills (profile fields off their default, custom keys)."""
    names = [
        n
        for n in FIELDS
        if n in body.model_fields_set
        and getattr(body, n) != CustomerFields.model_fields[n].get_default()
    ]
    return names + [CUSTOM_PREFIX + k for k, v in body.custom.items() if v != ""]


def strip_rows(role: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replicated rows as `role` may copy them (db thread): hidden customer columns emptied,
    values of hidden custom fields blanked."""
    hidden = _hidden(rules_of(role))
    if not hidden:
        return rows
    columns = hidden & set(FIELDS)
    keys = [n[len(CUSTOM_PREFIX) :] for n in hidden if n.startswith(CUSTOM_PREFIX)]
    field_ids = set()
    if keys:
        query = CustomFieldDef.select(CustomFieldDef.id).where(CustomFieldDef.key.in_(keys))
        field_ids = {int(f.id) for f in query}
    for row in rows:
        data = row.get("data")
        if not isinstance(data, dict):
            continue
        if row.get("table") == "customer":
            for name in columns & set(data):
                data[name] = CustomerCard.model_fields[name].get_default()
        elif row.get("table") == "custom_field_value" and data.get("field") in field_ids:
            data["value"] = ""
    return rows
