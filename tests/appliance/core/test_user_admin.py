"""Users as an admin manages them: the last active admin stays one; settings checked first."""

from __future__ import annotations

import pytest

from appliance.contract import UserIn, UserPatch
from appliance.core import settings, user_admin
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.db.store import Store


def _admin(actor: Actor, name: str) -> int:
    body = UserIn(username=name, role="admin", password="never-checked-here")
    return user_admin.create_user(actor, body, "argon2-hash-made-elsewhere").id


def test_the_last_active_admin_cannot_step_down(store: Store, actor: Actor) -> None:
    first = _admin(actor, "owner")
    version = user_admin.list_users()[0].version
    for change in ({"role": "operator"}, {"active": False}):
        with pytest.raises(Conflict):
            user_admin.patch_user(actor, first, UserPatch(version=version, **change), None)
    second = _admin(actor, "deputy")
    out = user_admin.patch_user(actor, first, UserPatch(version=version, role="manager"), None)
    assert (out.role, out.active) == ("manager", True)
    deputy = next(u for u in user_admin.list_users() if u.id == second)
    with pytest.raises(Conflict):  # now the deputy is the last one
        user_admin.patch_user(actor, second, UserPatch(version=deputy.version, active=False), None)


def test_settings_are_all_checked_before_any_is_stored(store: Store, actor: Actor) -> None:
    with pytest.raises(InvalidInput):
        settings.put_settings(actor, {"currency": "USD", "region": "Kanto"})
    assert settings.all_settings().values["currency"] == "JPY"
    with pytest.raises(InvalidInput):
        settings.put_settings(actor, {"Bad Key": 1})
    stored = settings.put_settings(actor, {"currency": "USD", "region": "US"})
    assert (stored.values["currency"], stored.values["region"]) == ("USD", "US")
