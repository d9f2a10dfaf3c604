"""Monthly KPIs, cohorts, NPS, breakdowns, operators and health on a hand-computed shop in
Tokyo whose business day ends at 04:00."""

from __future__ import annotations

import datetime as dt

import pytest
from faker import Faker

from appliance.core import audit, customers, orders
from appliance.core.actor import Actor
from appliance.core.analysis import breakdowns, health, kpis
from appliance.core.settings import set_setting
from appliance.core.shop_time import CUTOVER_KEY, ZONE_KEY
from appliance.db.models import Call, Note, Role, SurveyResponse, User
from appliance.db.store import Store

fake = Faker("ja_JP")
OCT, NOV = dt.date(2026, 10, 1), dt.date(2026, 11, 1)


def _buy(actor: Actor, cid: int, yen: int, utc: dt.datetime) -> None:
    line = orders.Line(description="ランチセット", unit_price=yen)
    orders.place_order(actor, cid, [line], ordered_at=utc)


def _shop(actor: Actor) -> list[int]:
    set_setting(actor, ZONE_KEY, "Asia/Tokyo")
    set_setting(actor, CUTOVER_KEY, "04:00")
    tokyo = {"country": "JP", "prefecture": "東京都", "city": "渋谷区", "line1": "1-2-3"}
    osaka = {"country": "JP", "prefecture": "大阪府", "city": "大阪市", "line1": "4-5-6"}
    c1 = customers.create_customer(
        actor, fake.name(), addresses=[tokyo], gender="female", birth_date=dt.date(1990, 6, 1)
    ).id
    c2 = customers.create_customer(actor, fake.name(), addresses=[tokyo], gender="male").id
    c3 = customers.create_customer(actor, fake.name(), addresses=[osaka]).id
    _buy(actor, c1, 1000, dt.datetime(2026, 10, 10, 3))
    _buy(actor, c1, 400, dt.datetime(2026, 10, 31, 18, 30))  # 03:30 on Nov 1 in Tokyo: Oct 31
    _buy(actor, c2, 3000, dt.datetime(2026, 10, 12, 3))
    _buy(actor, c1, 2000, dt.datetime(2026, 11, 5, 3))  # Thursday 12:00 in Tokyo
    _buy(actor, c3, 500, dt.datetime(2026, 11, 3, 3))  # Tuesday 12:00 in Tokyo
    for score in (10, 9, 7, 3):
        SurveyResponse.create(customer=c1, score=score, comment="味が良い")
    return [c1, c2, c3]


def test_months_and_cohorts(store: Store, actor: Actor) -> None:
    c1, c2, c3 = _shop(actor)
    SurveyResponse.update(answered_at=dt.datetime(2026, 11, 20)).execute()
    k = kpis.monthly(NOV, 2)
    octo, nov = k.months
    assert (octo.month, octo.customers, octo.new, octo.repeat, octo.orders) == (
        "2026-10",
        2,
        2,
        0,
        3,
    )
    assert octo.revenue == 4400 and octo.spend_per_customer == 2200
    assert octo.orders_per_customer == 1.5 and octo.churn is None
    assert (nov.customers, nov.new, nov.repeat, nov.repeat_rate) == (2, 1, 1, 0.5)
    assert nov.churn == 0.5 and nov.revenue_churn == pytest.approx(3000 / 4400)
    assert (nov.nps, nov.promoters, nov.detractors, nov.nps_answers) == (25.0, 2, 1, 4)
    assert k.buyers["2026-11"] == sorted([c1, c3]) and k.new_buyers["2026-11"] == [c3]
    first, second = k.cohorts
    assert (first.size, first.revenue, first.customers) == (2, 4400, [1.0, 0.5])
    assert first.revenue_share == [1.0, pytest.approx(2000 / 4400)]
    assert (second.size, second.customers, second.revenue_share) == (1, [1.0], [1.0])
    assert c2 not in k.buyers["2026-11"]


def test_breakdowns_and_operators(store: Store, actor: Actor) -> None:
    c1, _c2, c3 = _shop(actor)
    role = Role.create(name="operator")
    sato = User.create(username="sato", display_name="佐藤 愛", role=role)
    started = dt.datetime(2026, 11, 5, 2, 58)
    for dur in (120.0, 60.0):
        call = Call.create(
            line="line1", customer=c1, user=sato, state="ended", started_at=started,
            answered_at=started + dt.timedelta(seconds=5), duration_s=dur,
            ended_at=started + dt.timedelta(seconds=5 + dur),
        )  # fmt: skip
        who = Actor(user_id=sato.id, desk_id=None, name="佐藤 愛")
        row = audit.record(who, "call", call.id, "claim", None, {"user": sato.id})
        row.at = started + dt.timedelta(seconds=5)
        row.save()
    Note.create(
        customer=c1, call=call, author=sato, body="次回は大盛り", time_spent_s=45,
        created_at=call.ended_at + dt.timedelta(seconds=30),
    )  # fmt: skip
    Call.create(line="line1", state="missed", started_at=started)
    b = breakdowns.month_breakdowns(NOV)
    assert b.orders_heat[3][12] == 1 and b.orders_heat[1][12] == 1
    assert sum(map(sum, b.orders_heat)) == 2 and b.calls_heat[3][11] == 3
    assert [(r.label, r.count, r.revenue) for r in b.region] == [
        ("東京都", 1, 2000),
        ("大阪府", 1, 500),
    ]
    assert b.region[0].customers == {c1} and b.city[1].label == "大阪府 大阪市"
    assert [(r.label, r.revenue) for r in b.age] == [("30-39", 2000), ("", 500)]
    assert [(r.label, r.revenue) for r in b.gender] == [("female", 2000), ("unknown", 500)]
    assert [(r.label, r.revenue) for r in b.product] == [("ランチセット", 2500)]
    assert b.missed == 1
    (op,) = b.operators
    assert (op.name, op.calls, op.talk_s, op.claim_s) == (
        "佐藤 愛",
        2,
        90.0,
        pytest.approx(5.0, abs=0.01),
    )
    assert op.after_call_s == pytest.approx(30.0, abs=0.01) and (op.notes, op.note_writing_s) == (
        1,
        45,
    )
    assert c3 in b.region[1].customers


def test_health_and_nps_input(store: Store, actor: Actor) -> None:
    c1, c2, _c3 = _shop(actor)
    assert health.health(5, 5, 10, False) == 100
    assert health.health(1, 1, None, True) == 8  # half of the NPS share only
    assert health.health(5, 1, 4, True) == 41  # 35 + 0 + 6 + 0
    found = health.scores()
    assert set(found) >= {c1, c2} and all(0 <= v <= 100 for v in found.values())
