"""Who may see the analysis: users whose role carries the `reports` permission (db thread)."""

from __future__ import annotations

import json

from appliance.core.errors import RingdeskError
from appliance.db.models import Role, User

PERMISSION = "reports"


class NotPermitted(RingdeskError):  # noqa: N818 - reads as the answer a desk gets
    """The user's role lacks the permission."""


def require_reports(user_id: int | None) -> None:
    """Pass for a user whose role lists `reports`; NotPermitted otherwise (the box itself, with
    no user, passes: the CLI on the box is its owner)."""
    if user_id is None:
        return
    user = User.get_or_none(User.id == user_id)
    role = None if user is None else Role.get_or_none(Role.id == user.__data__["role"])
    granted = json.loads(role.permissions) if role is not None and role.permissions else []
    if PERMISSION not in granted:
        raise NotPermitted("分析を見る権限がありません / your role may not see reports")
