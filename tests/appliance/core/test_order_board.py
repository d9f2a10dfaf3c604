"""The order board, a driver's close-out and the day's sales, by business day (04:00 cutover)."""

from __future__ import annotations

import datetime as dt

from appliance.core import customers, menu, order_board, orders, settings
from appliance.core.actor import Actor
from appliance.core.users import create_user
from appliance.db.store import Store


def test_board_closeout_and_summary_by_business_day(store: Store, actor: Actor) -> None:
    settings.put_settings(actor, {"timezone": "Asia/Tokyo"})
    ramen = menu.create_product(actor, "醤油ラーメン", 900)
    beer = menu.create_product(actor, "生ビール", 600, tax_class="standard")
    driver = create_user(actor, "kimura", role="operator", display_name="木村 翔").id
    c = customers.create_customer(actor, "森 恵", addresses=[{"city": "目黒区", "line1": "1-1"}])
    evening = dt.datetime(2026, 12, 7, 11, 0)  # 20:00 Tokyo on the 7th
    late_night = dt.datetime(2026, 12, 7, 17, 30)  # 02:30 on the 8th: still the 7th's day
    next_day = dt.datetime(2026, 12, 7, 19, 30)  # 04:30 on the 8th: the 8th's business day

    def order(at: dt.datetime, payment: str = "cash", **kw: object) -> int:
        o = orders.place_order(
            actor,
            c.id,
            [orders.Line(product_id=ramen.id, qty=2), orders.Line(product_id=beer.id)],
            ordered_at=at,
            terms=orders.Terms(payment=payment, **kw),  # type: ignore[arg-type]
        )
        return int(o.id)

    a, b, gone = order(evening), order(late_night, "card"), order(late_night)
    later = order(next_day)
    for step in ("cooking", "delivering"):
        for oid in (a, b):
            row = orders.items_of(oid)[0].order
            orders.set_status(actor, oid, row.version, step)
    for oid in (a, b):
        row = orders.items_of(oid)[0].order
        orders.assign_driver(actor, oid, row.version, driver)
    orders.set_status(actor, a, 4, "done")
    orders.set_status(actor, gone, 1, "cancelled")
    day = dt.date(2026, 12, 7)
    assert [o.id for o in order_board.board(day).orders] == [a, b, gone]
    # the 8th shows its own order and the 7th's still on the road
    assert {o.id for o in order_board.board(dt.date(2026, 12, 8)).orders} == {b, later}
    out = order_board.closeout(driver, day)
    assert (out.driver, out.orders, out.done, out.total, out.cash_to_collect) == (
        "木村 翔",
        2,
        1,
        4800,
        2400,
    )
    s = order_board.summary(day)
    assert (s.orders, s.cancelled, s.sales) == (2, 1, 4800)
    assert s.by_payment == {"cash": 2400, "card": 2400}
    # the day's tax is the sum of each order's (rounded per order, per rate, as invoiced):
    # 10 %: 600 → 54 twice = 108 (not floor(1200/11) = 109); 8 %: 1800 → 133 twice = 266
    assert [(t.rate_bp, t.reduced, t.amount, t.tax) for t in s.taxes] == [
        (1000, False, 1200, 108),
        (800, True, 3600, 266),
    ]
