"""Users, roles, desks and settings (the default region phone numbers are read in)."""

from __future__ import annotations

import pytest

from appliance.core import contacts, customers, settings, users
from appliance.core.actor import Actor
from appliance.core.audit import history
from appliance.core.errors import Conflict, InvalidInput
from appliance.db.models import Role
from appliance.db.store import Store


def test_users_roles_desks(store: Store, actor: Actor) -> None:
    u = users.create_user(actor, "Ｓａｔｏ", display_name="佐藤 花子", role="manager")
    assert u.username == "sato" and u.role.name == "manager"
    assert {r.name for r in Role.select()} == {"admin", "manager", "operator"}
    with pytest.raises(Conflict):
        users.create_user(actor, "sato")
    with pytest.raises(InvalidInput):
        users.create_user(actor, "kato", role="owner")
    with pytest.raises(InvalidInput):
        users.create_user(actor, "two words")
    desk = users.create_desk(actor, "レジ横", cert_fingerprint="ab" * 32)
    assert desk.paired_at is not None
    me = users.actor_for(u, desk)
    assert (me.user_id, me.desk_id, me.name) == (u.id, desk.id, "佐藤 花子")


def test_region_setting_changes_how_numbers_are_read(store: Store, actor: Actor) -> None:
    assert settings.default_region() == "JP"
    c = customers.create_customer(actor, "John Smith")
    assert contacts.add_phone(actor, c.id, "03-1234-5678").e164 == "+81312345678"
    settings.set_setting(actor, "region", "US")
    assert settings.default_region() == "US"
    assert contacts.add_phone(actor, c.id, "(201) 555-0123").e164 == "+12015550123"
    settings.set_setting(actor, "region", "JP")
    assert [a.action for a in history("setting", 1)] == ["set", "set"]
    assert settings.get_setting("missing", 42) == 42
