"""Who may hear or export recordings (roles with the "recordings" permission), audited."""

from __future__ import annotations

import json

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.errors import NotFound
from appliance.db.models import Recording, Role, User
from appliance.recordings.errors import NotAllowedError

PERMISSION = "recordings"


def may_use_recordings(actor: Actor) -> bool:
    """True for the box itself and for users whose role grants "recordings" (manager, admin)."""
    if actor.user_id is None:
        return True
    user = User.get_or_none(User.id == actor.user_id)
    if user is None or not user.active:
        return False
    role = Role.get_or_none(Role.id == user.__data__["role"])
    return role is not None and PERMISSION in json.loads(role.permissions or "[]")


def authorize(actor: Actor, recording_id: int, action: str) -> Recording:
    """The row if actor may do action ("play", "export") with it; the attempt is audited
    either way. NotAllowedError / NotFound otherwise. Runs on the db thread."""
    row = Recording.get_or_none(Recording.id == recording_id)
    allowed = row is not None and may_use_recordings(actor)
    with Recording._meta.database.atomic():
        audit.record(
            actor,
            "recording",
            recording_id,
            action if allowed else f"{action}_refused",
            None,
            {"allowed": allowed},
        )
    if row is None:
        raise NotFound(f"録音 {recording_id} はありません / no recording with id {recording_id}")
    if not allowed:
        raise NotAllowedError(
            "録音の再生・書き出しはマネージャーか管理者だけができます / only a manager or an "
            "admin may play or export recordings"
        )
    return row
