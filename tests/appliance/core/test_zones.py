"""Delivery zones: found from Japanese and US addresses by postal code (or its prefix) and town
name, the most specific pattern winning; fee, minimum and minutes on the order; out of zone."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.core import customers, menu, orders
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.zones import Place, create_zone, find_zone, live_zones
from appliance.db.store import Store


def _japan(actor: Actor) -> None:
    create_zone(actor, "文京区", "文京区\n112*", fee=300, minimum=1500, minutes=40)
    create_zone(actor, "本郷 (近所)", "113-0033, 本郷3丁目", fee=0, minimum=1000, minutes=25)
    create_zone(actor, "Brooklyn", "Brooklyn\n11201", fee=500, minimum=2000, minutes=45)


@pytest.mark.parametrize(
    ("postal", "text", "zone"),
    [
        ("113-0033", "東京都 文京区 本郷3-14-7", "本郷 (近所)"),  # postal code beats the ward
        ("１１３－００３３", "東京都 文京区 本郷", "本郷 (近所)"),  # full-width digits
        ("113-0021", "東京都 文京区 本駒込1-1", "文京区"),  # the ward's name
        ("112-0002", "東京都 小石川2-1", "文京区"),  # a postal prefix (112-*)
        ("160-0022", "東京都 新宿区 新宿3-1", None),  # out of every zone
        ("11215", "NY Brooklyn 7th Ave", "Brooklyn"),  # the town, another ZIP
        ("11201-2345", "NY 100 Court St", "Brooklyn"),  # ZIP+4 starts with the ZIP
        ("10001", "NY New York 350 5th Ave", None),
    ],
)
def test_zone_found_from_the_address(
    store: Store, actor: Actor, postal: str, text: str, zone: str | None
) -> None:
    _japan(actor)
    found = find_zone(live_zones(), Place(postal, text))
    assert (found.name if found else None) == zone


def test_the_zone_sets_fee_minimum_and_minutes(store: Store, actor: Actor) -> None:
    _japan(actor)
    soba = menu.create_product(actor, "天ざる", 1400)
    near = customers.create_customer(
        actor,
        "佐藤 花子",
        addresses=[
            {
                "postal_code": "113-0021",
                "prefecture": "東京都",
                "city": "文京区本駒込",
                "line1": "1-1",
            }
        ],
    )
    far = customers.create_customer(
        actor,
        "田中 一郎",
        addresses=[
            {
                "postal_code": "160-0022",
                "prefecture": "東京都",
                "city": "新宿区新宿",
                "line1": "3-1",
            }
        ],
    )
    at = dt.datetime(2026, 12, 7, 3, 0)
    order = orders.place_order(
        actor, near.id, [orders.Line(product_id=soba.id, qty=2)], ordered_at=at
    )
    assert (order.delivery_fee, order.total, order.zone_id) == (300, 3100, live_zones()[0].id)
    assert order.promise_at == at + dt.timedelta(minutes=40)
    with pytest.raises(InvalidInput, match="at least 1,500"):
        orders.place_order(actor, near.id, [orders.Line(product_id=soba.id)])
    with pytest.raises(InvalidInput, match="outside every delivery zone"):
        orders.place_order(actor, far.id, [orders.Line(product_id=soba.id, qty=2)])
    # picked up, the address does not matter
    pickup = orders.place_order(
        actor, far.id, [orders.Line(product_id=soba.id)], terms=orders.Terms(service="pickup")
    )
    assert pickup.delivery_fee == 0 and pickup.zone_id is None
