"""Renaming a desk: audited, versioned, refused when empty or revoked; its vault slot keeps the
name it paired with, so revoking it later still finds the slot."""

from __future__ import annotations

import pytest

from appliance.contract import DeskPatch
from appliance.core.access import desks
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput, StaleEdit
from appliance.db.models import AuditLog
from appliance.db.store import Store


def test_a_renamed_desk_keeps_its_slot_name(store: Store, actor: Actor) -> None:
    desk_id = desks.register_desk("受付", "ab" * 32, b"-----PEM-----")
    out = desks.rename(actor, desk_id, DeskPatch(version=1, name="  レジ横 "))
    assert out.name == "レジ横" and out.version == 2
    assert desks.slot_name_of(desk_id) == "受付"
    assert [d.name for d in desks.pinned_desks()] == ["受付"]
    again = desks.rename(actor, desk_id, DeskPatch(version=2, name="配達口"))
    assert again.name == "配達口" and desks.slot_name_of(desk_id) == "受付"
    rows = AuditLog.select().where((AuditLog.entity == "desk") & (AuditLog.action == "update"))
    assert rows.count() == 2
    with pytest.raises(StaleEdit):
        desks.rename(actor, desk_id, DeskPatch(version=1, name="厨房"))
    with pytest.raises(InvalidInput):
        desks.rename(actor, desk_id, DeskPatch(version=3, name="\u3000"))
    desks.revoke_desk(actor, desk_id)
    assert [d.name for d in desks.revoked_desks()] == ["受付"]
    with pytest.raises(Conflict):
        desks.rename(actor, desk_id, DeskPatch(version=4, name="厨房"))
