"""Stored figures on a small hand-computed shop: full recompute, triggers, incremental refresh,
and the cumulative spend never falling as orders are added (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appliance.contract import OrderIn
from appliance.core import customers, orders
from appliance.core.actor import Actor
from appliance.core.analysis import metrics
from appliance.core.usecases import orders as order_uses
from appliance.db.models import Call, Customer, Order
from appliance.db.models.analysis import CustomerMetric, MetricDirty
from appliance.db.store import Store

fake = Faker("ja_JP")
NOW = dt.datetime(2026, 11, 30, 12, 0)


def _buy(actor: Actor, cid: int, yen: int, day: dt.datetime) -> Order:
    return orders.place_order(
        actor, cid, [orders.Line(description="幕の内弁当", unit_price=yen)], ordered_at=day
    )


def _shop(actor: Actor) -> dict[str, int]:
    """Regular: ¥1,000 on Sep 1, Sep 16 and Oct 1 (cycle 15 days, silent since).
    Big: one ¥5,000 order on Nov 29.  Small: ¥600 on Nov 20 and a cancelled ¥9,000.
    Old: ¥2,000 in 2024, outside the 365-day window.  Caller: calls, never orders."""
    ids = {k: customers.create_customer(actor, fake.name()).id for k in ("reg", "big", "small")}
    ids["old"] = customers.create_customer(actor, fake.name()).id
    ids["caller"] = customers.create_customer(actor, fake.name()).id
    for day in (dt.datetime(2026, 9, 1), dt.datetime(2026, 9, 16), dt.datetime(2026, 10, 1)):
        _buy(actor, ids["reg"], 1000, day)
    _buy(actor, ids["big"], 5000, dt.datetime(2026, 11, 29))
    _buy(actor, ids["small"], 600, dt.datetime(2026, 11, 20))
    gone = _buy(actor, ids["small"], 9000, dt.datetime(2026, 11, 21))
    orders.set_status(actor, gone.id, gone.version, "cancelled")
    _buy(actor, ids["old"], 2000, dt.datetime(2024, 5, 1))
    Call.create(line="line1", customer=ids["caller"], started_at=dt.datetime(2026, 11, 1))
    return ids


def test_full_recompute_on_a_hand_computed_shop(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    assert metrics.full_recompute(NOW) == 4  # the caller has no orders: no row
    m = {r.customer_id: r for r in CustomerMetric.select()}
    reg, big, small, old = (m[ids[k]] for k in ("reg", "big", "small", "old"))
    assert (reg.orders_n, reg.revenue, reg.window_orders, reg.window_spend) == (3, 3000, 3, 3000)
    assert (small.orders_n, small.revenue) == (1, 600)  # the cancelled order does not count
    assert (old.window_orders, old.window_spend, old.rank, old.decile) == (0, 0, "", 0)
    # window spend 5000 + 3000 + 600 = 8600: big starts at 0 % and reg at 58 % (< 70 %): A
    assert (big.rank, reg.rank, small.rank) == ("A", "A", "C")
    assert reg.cycle_days == 15.0 and reg.next_due_at == dt.datetime(2026, 10, 16)
    assert reg.dormant  # 60 days silent > 15 × 2
    assert not big.dormant and big.cycle_days is None
    assert reg.ltv == 9000  # ¥1,000 × 3 a year × 3 years
    assert big.ltv == 15000 and old.ltv == 0
    # recency: old < reg < small < big (cuts at positions 0, 1, 2, 3 of 4)
    assert (old.r, reg.r, small.r, big.r) == (1, 2, 3, 4)
    # frequency over the window's buyers 1, 1, 3: cuts [1, 1, 1, 3]; spend 600, 3000, 5000:
    # cuts [600, 3000, 3000, 5000]; a score is 1 + the cuts a value is above
    assert (reg.f, big.f, small.f, old.f) == (4, 1, 1, 1)
    assert (big.m, reg.m, small.m, old.m) == (4, 2, 1, 1)
    assert MetricDirty.select().count() == 0


def test_orders_and_calls_queue_their_customer(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    metrics.full_recompute(NOW)
    Call.create(line="line1", customer=ids["reg"], started_at=dt.datetime(2026, 11, 30))
    Call.create(line="line1", started_at=dt.datetime(2026, 11, 30))  # unknown caller
    assert [r.customer_id for r in MetricDirty.select()] == [ids["reg"]]
    assert metrics.settle(NOW) == 1
    reg = CustomerMetric.get_by_id(ids["reg"])
    assert not reg.dormant and reg.last_call_at == dt.datetime(2026, 11, 30)


def test_an_order_from_a_desk_rescores_its_customer_at_once(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    metrics.full_recompute()
    body = OrderIn.model_validate({"items": [{"description": "特上寿司", "unit_price": 8000}]})
    order_uses.place(actor, ids["small"], body)
    small = CustomerMetric.get_by_id(ids["small"])
    assert (small.orders_n, small.revenue, small.window_spend) == (2, 8600, 8600)
    assert small.rank == "A" and small.r == 5
    assert MetricDirty.select().count() == 0


def test_a_stale_table_is_recomputed_whole(store: Store, actor: Actor) -> None:
    ids = _shop(actor)
    metrics.full_recompute(NOW - dt.timedelta(days=2))
    Customer.delete().where(Customer.id == ids["old"]).execute()
    assert metrics.settle(NOW) == 3
    assert metrics.stored_cuts() is not None
    assert CustomerMetric.get_or_none(CustomerMetric.customer == ids["old"]) is None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 20000), st.integers(0, 700)),
        min_size=1,
        max_size=12,
    )
)
def test_an_added_order_never_lowers_cumulative_spend(adds: list[tuple[int, int, int]]) -> None:
    actor = Actor.system()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "box.db", os.urandom(32), create=True)
        try:
            cids = [customers.create_customer(actor, fake.name()).id for _ in range(3)]
            _buy(actor, cids[0], 500, NOW - dt.timedelta(days=3))
            metrics.full_recompute(NOW)
            spent = dict.fromkeys(cids, 0) | {cids[0]: 500}
            for who, yen, ago in adds:
                before = CustomerMetric.get_or_none(CustomerMetric.customer == cids[who])
                _buy(actor, cids[who], yen, NOW - dt.timedelta(days=ago))
                metrics.refresh_queued(NOW)
                after = CustomerMetric.get_by_id(cids[who])
                spent[cids[who]] += yen
                assert after.revenue == spent[cids[who]]
                if before is not None:
                    assert after.revenue >= before.revenue
                    assert after.window_spend >= before.window_spend
                    assert after.orders_n == before.orders_n + 1
        finally:
            store.close()
