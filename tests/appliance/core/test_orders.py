"""Orders: items priced from products or by hand, totals, status moves, repeat order."""

from __future__ import annotations

import datetime as dt

import pytest
from faker import Faker

from appliance.core import customers, menu, orders
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput, NotFound, StaleEdit
from appliance.db.store import Store

fake = Faker("ja_JP")


def test_order_total_and_items(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    soba = menu.create_product(actor, "天ぷらそば", 1200, sku="S-01")
    beer = menu.create_product(actor, "瓶ビール", 650)
    order = orders.place_order(
        actor,
        c.id,
        [
            orders.Line(qty=2, product_id=soba.id),
            orders.Line(qty=3, product_id=beer.id, unit_price=600),  # a discount by hand
            orders.Line(qty=1, description="出前料金", unit_price=300),
        ],
        ordered_at=dt.datetime(2026, 11, 1, 12, 30),
        note="裏口へ",
    )
    assert order.total == 2 * 1200 + 3 * 600 + 300
    assert [(i.description, i.qty, i.line_total) for i in orders.items_of(order.id)] == [
        ("天ぷらそば", 2, 2400),
        ("瓶ビール", 3, 1800),
        ("出前料金", 1, 300),
    ]
    assert order.currency == "JPY" and order.channel == "phone"


def test_repeat_order_uses_todays_prices(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    soba = menu.create_product(actor, "ざるそば", 800)
    first = orders.place_order(actor, c.id, [orders.Line(qty=2, product_id=soba.id)])
    from appliance.core import editing
    from appliance.db.models import Product

    editing.update(actor, Product, soba.id, 1, {"unit_price": 850})
    again = orders.repeat_order(actor, first.id)
    assert again.total == 1700
    assert [o.id for o in orders.recent_orders(c.id)] == [again.id, first.id]


def test_status_moves_and_stale(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    order = orders.place_order(actor, c.id, [orders.Line(description="弁当", unit_price=500)])
    orders.set_status(actor, order.id, 1, "cooking")
    with pytest.raises(StaleEdit):
        orders.set_status(actor, order.id, 1, "delivering")
    with pytest.raises(Conflict, match="one step"):
        orders.set_status(actor, order.id, 2, "done")
    orders.set_status(actor, order.id, 2, "cancelled")
    with pytest.raises(Conflict):
        orders.set_status(actor, order.id, 3, "received")


@pytest.mark.parametrize(
    "line",
    [
        orders.Line(qty=0, description="x", unit_price=1),
        orders.Line(qty=1),
        orders.Line(qty=1, description="x"),
        orders.Line(qty=1, description="x", unit_price=-5),
    ],
)
def test_bad_lines_refused_and_nothing_written(
    store: Store, actor: Actor, line: orders.Line
) -> None:
    c = customers.create_customer(actor, fake.name())
    with pytest.raises(InvalidInput):
        orders.place_order(actor, c.id, [orders.Line(description="ok", unit_price=1), line])
    assert orders.recent_orders(c.id) == []


def test_unknown_product_and_customer(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    with pytest.raises(NotFound):
        orders.place_order(actor, c.id, [orders.Line(product_id=12345)])
    with pytest.raises(NotFound):
        orders.place_order(actor, 999, [orders.Line(description="x", unit_price=1)])
    with pytest.raises(InvalidInput):
        orders.place_order(actor, c.id, [])
