"""Per-role view and edit restrictions on customer fields (閲覧制限・入力制限), as box and desk
both name them: the setting key, the roles and fields they apply to, and the two modes."""

from __future__ import annotations

from typing import Literal

__all__ = ["CUSTOM_PREFIX", "MODES", "RESTRICTED_ROLES", "RULES_KEY", "Mode"]

RULES_KEY = "access.field_rules"  # {"operator": {"income_band": "hidden", ...}, "manager": {...}}
RESTRICTED_ROLES = ("operator", "manager")  # an admin always sees and edits everything
MODES = ("hidden", "read")  # not shown at all / shown, not editable; absent: editable
CUSTOM_PREFIX = "custom."  # a custom field's rule: "custom.<key>"
Mode = Literal["hidden", "read"]
