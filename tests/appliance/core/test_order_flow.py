"""An order as a delivery restaurant takes it: options, remarks, service and tax per rate,
payment with change, requested time and promise, ranked addresses, the business day's number,
the usual order, board moves."""

from __future__ import annotations

import datetime as dt

import pytest
from faker import Faker

from appliance.core import customers, menu, order_states, orders, settings
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.order_views import order_out
from appliance.core.usecases import orders as orders_uc
from appliance.db.store import Store

fake = Faker("ja_JP")


def _shop(actor: Actor) -> dict[str, int]:
    settings.put_settings(actor, {"timezone": "Asia/Tokyo"})
    zaru = menu.create_product(actor, "ざるそば", 800)
    big = menu.add_option(actor, zaru.id, "大盛り", price_delta=150)
    beer = menu.create_product(actor, "瓶ビール", 660, tax_class="standard")
    return {"zaru": zaru.id, "big": big.id, "beer": beer.id}


def _customer(actor: Actor) -> int:
    c = customers.create_customer(
        actor,
        fake.name(),
        addresses=[
            {
                "postal_code": "150-0001",
                "prefecture": "東京都",
                "city": "渋谷区神宮前",
                "line1": "1-2-3",
            },
            {
                "postal_code": "150-0002",
                "prefecture": "東京都",
                "city": "渋谷区渋谷",
                "line1": "2-3-4",
                "label": "会社",
            },
        ],
    )
    return int(c.id)


def test_delivery_order_priced_with_options_and_tax_per_rate(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    cid = _customer(actor)
    order = orders.place_order(
        actor,
        cid,
        [
            orders.Line(
                qty=2, product_id=ids["zaru"], option_ids=(ids["big"],), remarks="わさび抜き"
            ),
            orders.Line(qty=1, product_id=ids["beer"]),
            orders.Line(qty=1, description="おにぎり", unit_price=150),
        ],
        terms=orders.Terms(service="delivery", payment="cash", tendered=5000, delivery_fee=300),
        note="裏口へ",
    )
    out = order_out(order, full=True)
    assert [
        (i.description, i.unit_price, i.line_total, i.options, i.remarks, i.reduced)
        for i in out.items
    ] == [
        ("ざるそば", 950, 1900, ["大盛り"], "わさび抜き", True),
        ("瓶ビール", 660, 660, [], "", False),
        ("おにぎり", 150, 150, [], "", True),
    ]
    # 10 %: beer 660 + fee 300 = 960 → 87 (87.27); 8 %: 2050 → 151 (151.85)
    assert [(t.rate_bp, t.reduced, t.amount, t.tax) for t in out.taxes] == [
        (1000, False, 960, 87),
        (800, True, 2050, 151),
    ]
    assert (out.subtotal, out.delivery_fee, out.total, out.tax_total) == (2710, 300, 3010, 238)
    assert (out.tendered, out.change) == (5000, 1990)
    # the most used address when none is named (none used yet: the first one)
    assert out.address.startswith("〒150-0001") and out.day_no == 1
    assert out.promise_at == out.ordered_at + dt.timedelta(minutes=30)


def test_eat_in_is_ten_percent_and_pickup_promise(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    cid = _customer(actor)
    eat_in = orders.place_order(
        actor, cid, [orders.Line(product_id=ids["zaru"])], terms=orders.Terms(service="eat_in")
    )
    assert order_out(eat_in).taxes[0].rate_bp == 1000 and eat_in.address is None
    at = dt.datetime(2026, 12, 7, 9, 0)  # 18:00 in Tokyo
    pickup = orders.place_order(
        actor,
        cid,
        [orders.Line(product_id=ids["zaru"])],
        terms=orders.Terms(service="pickup", payment="qr", requested_at=at),
    )
    assert pickup.promise_at == at and pickup.day_no == 2


def test_bad_terms_are_refused(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    cid = _customer(actor)
    line = [orders.Line(product_id=ids["zaru"])]
    with pytest.raises(InvalidInput, match="less than"):
        orders.place_order(actor, cid, line, terms=orders.Terms(tendered=500))
    with pytest.raises(InvalidInput, match="cash"):
        orders.place_order(actor, cid, line, terms=orders.Terms(payment="card", tendered=1000))
    with pytest.raises(InvalidInput, match="not of this product"):
        orders.place_order(
            actor, cid, [orders.Line(product_id=ids["beer"], option_ids=(ids["big"],))]
        )
    other = _customer(actor)
    foreign = orders.ranked_addresses(other)[0][0].id
    with pytest.raises(InvalidInput, match="not this customer"):
        orders.place_order(actor, cid, line, terms=orders.Terms(address_id=foreign))
    assert orders.recent_orders(cid) == []


def test_addresses_ranked_by_use(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    cid = _customer(actor)
    home, office = (a.id for a, _ in orders.ranked_addresses(cid))
    for _ in range(2):
        orders.place_order(
            actor, cid, [orders.Line(product_id=ids["zaru"])], terms=orders.Terms(address_id=office)
        )
    assert [(a.id, n) for a, n in orders.ranked_addresses(cid)] == [(office, 2), (home, 0)]
    auto = orders.place_order(actor, cid, [orders.Line(product_id=ids["zaru"])])
    assert auto.address_id == office


def test_the_usual_is_the_most_frequent_recent_order(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    cid = _customer(actor)
    zaru_big = [orders.Line(product_id=ids["zaru"], option_ids=(ids["big"],), qty=2)]
    beer = [orders.Line(product_id=ids["beer"])]
    base = dt.datetime(2026, 11, 1, 3, 0)
    for day, lines in enumerate([zaru_big, beer, zaru_big, beer, beer, zaru_big]):
        orders.place_order(actor, cid, lines, ordered_at=base + dt.timedelta(days=day))
    draft = orders_uc.draft(cid)
    # three of each: the newest of the most frequent wins (ざるそば 大盛り ×2, on day 5)
    assert [(i.product_id, i.qty, i.option_ids) for i in draft.usual] == [
        (ids["zaru"], 2, [ids["big"]])
    ]
    order = orders.repeat_order(actor, int(draft.usual_order_id or 0))
    assert order.total == 1900
    assert [a.text[:9] for a in draft.addresses] == ["〒150-0001", "〒150-0002"]


def test_board_moves_one_step_at_a_time() -> None:
    assert order_states.next_status("received", "delivery") == "cooking"
    assert order_states.next_status("cooking", "pickup") == "done"
    assert order_states.next_status("done", "delivery") is None
    order_states.check_move("cooking", "received", "delivery")  # undo a slip of the hand
    with pytest.raises(Conflict):
        order_states.check_move("cooking", "delivering", "pickup")
    with pytest.raises(Conflict):
        order_states.check_move("done", "cancelled", "delivery")
    with pytest.raises(InvalidInput):
        order_states.check_move("received", "delivered", "delivery")
