"""The rank and RFM badge travels on the pop card and the customer card."""

from __future__ import annotations

import datetime as dt

from faker import Faker

from appliance.core import customers, orders, views
from appliance.core.actor import Actor
from appliance.core.analysis import metrics
from appliance.core.calls.pop_card import card as pop_card
from appliance.core.calls.records import _rows
from appliance.db.models import Customer
from appliance.db.store import Store

fake = Faker("ja_JP")


def test_badge_on_pop_and_card(store: Store, actor: Actor) -> None:
    now = dt.datetime(2026, 11, 30, 12)
    big = customers.create_customer(actor, fake.name())
    small = customers.create_customer(actor, fake.name())
    never = customers.create_customer(actor, fake.name())
    for cid, yen, day in ((big.id, 9000, 29), (small.id, 800, 2)):
        line = orders.Line(description="ミックスピザ", unit_price=yen)
        orders.place_order(actor, cid, [line], ordered_at=dt.datetime(2026, 11, day))
    metrics.full_recompute(now)
    # two buyers: quintile cuts are [low, low, high, high], so the higher value scores 3;
    # both ordered once: F is 1 for both
    pop = pop_card(_rows, Customer.get_by_id(big.id))
    assert (pop.rank, pop.rfm) == ("A", "313")
    low = pop_card(_rows, Customer.get_by_id(small.id))
    assert (low.rank, low.rfm) == ("C", "111")
    assert pop_card(_rows, Customer.get_by_id(never.id)).rank is None
    shown = views.card(big.id)
    assert (shown.rank, shown.rfm) == ("A", "313")
    assert views.card(never.id).rfm is None
