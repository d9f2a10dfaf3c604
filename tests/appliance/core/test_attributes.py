"""Custom fields defined by the admin, with typed values; static and dynamic attributes."""

from __future__ import annotations

import pytest
from faker import Faker

from appliance.core import attributes, customers
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput, NotFound
from appliance.db.store import Store

fake = Faker("en_US")


def test_custom_fields_typed_values(store: Store, actor: Actor) -> None:
    attributes.define_field(actor, "members", "会員番号", field_type="number", position=1)
    attributes.define_field(actor, "since", "初来店", field_type="date", position=2)
    attributes.define_field(actor, "dm_ok", "DM可", field_type="bool", position=3)
    attributes.define_field(
        actor, "size", "席の好み", field_type="choice", choices=["カウンター", "座敷"], position=4
    )
    c = customers.create_customer(actor, fake.name())
    attributes.set_custom_value(actor, c.id, "members", "１，２３４")
    attributes.set_custom_value(actor, c.id, "since", "2019/04/01")
    attributes.set_custom_value(actor, c.id, "dm_ok", True)
    attributes.set_custom_value(actor, c.id, "size", "座敷")
    assert attributes.custom_values(c.id) == {
        "members": "1234",
        "since": "2019-04-01",
        "dm_ok": "true",
        "size": "座敷",
    }
    attributes.set_custom_value(actor, c.id, "size", None)
    assert "size" not in attributes.custom_values(c.id)


@pytest.mark.parametrize(
    ("kind", "value"), [("number", "many"), ("date", "someday"), ("bool", "yes"), ("choice", "x")]
)
def test_bad_custom_values(store: Store, actor: Actor, kind: str, value: str) -> None:
    attributes.define_field(actor, "f", "F", field_type=kind, choices=["a"])
    c = customers.create_customer(actor, fake.name())
    with pytest.raises(InvalidInput):
        attributes.set_custom_value(actor, c.id, "f", value)


def test_field_definitions_checked(store: Store, actor: Actor) -> None:
    attributes.define_field(actor, "note2", "備考2")
    with pytest.raises(InvalidInput):
        attributes.define_field(actor, "NOTE2", "dup")
    with pytest.raises(InvalidInput):
        attributes.define_field(actor, "bad key", "x")
    with pytest.raises(InvalidInput):
        attributes.define_field(actor, "c", "x", field_type="choice")
    c = customers.create_customer(actor, fake.name())
    with pytest.raises(NotFound):
        attributes.set_custom_value(actor, c.id, "nope", "x")


def test_dynamic_attributes(store: Store, actor: Actor) -> None:
    c = customers.create_customer(
        actor, fake.name(), occupation="engineer", household="4人家族", income_band="500-800万"
    )
    updated = customers.update_customer(actor, c.id, 1, interests="釣り、ゴルフ", occupation="")
    card = customers.customer_card(updated.id)
    assert (card["interests"], card["occupation"], card["household"]) == (
        "釣り、ゴルフ",
        "",
        "4人家族",
    )


def test_edit_and_retire_field(store: Store, actor: Actor) -> None:
    from appliance.core import editing
    from appliance.db.models import CustomFieldDef

    f = attributes.define_field(actor, "seat", "席", field_type="choice", choices=["窓際"])
    c = customers.create_customer(actor, fake.name())
    f2 = attributes.edit_field(actor, f.id, 1, choices=["窓際", "奥"], label_en="Seat")
    attributes.set_custom_value(actor, c.id, "seat", "奥")
    attributes.retire_field(actor, f.id, f2.version)
    assert attributes.custom_values(c.id) == {}
    with pytest.raises(NotFound):
        attributes.set_custom_value(actor, c.id, "seat", "奥")
    editing.restore(actor, CustomFieldDef, f.id)
    assert attributes.custom_values(c.id) == {"seat": "奥"}
