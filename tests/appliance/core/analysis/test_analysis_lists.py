"""The lists on a hand-made shop: due, dormant with what preceded, at risk, cross-sell; and
each list as a file and as a call list."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from faker import Faker

from appliance.core import call_lists, customers, editing, menu, notes, orders
from appliance.core.actor import Actor
from appliance.core.analysis import listout, lists
from appliance.core.errors import InvalidInput
from appliance.db.models import Customer, Note, Order
from appliance.db.store import Store

fake = Faker("ja_JP")
NOW = dt.datetime(2026, 11, 30, 12)


def _buy(actor: Actor, cid: int, days_ago: float, *lines: orders.Line) -> None:
    order_lines = list(lines) or [orders.Line(description="日替わり弁当", unit_price=900)]
    orders.place_order(actor, cid, order_lines, ordered_at=NOW - dt.timedelta(days=days_ago))


def test_due_and_dormant(store: Store, actor: Actor) -> None:
    soon = customers.create_customer(actor, fake.name()).id
    for ago in (25, 15, 5):  # cycle 10 days: next due in 5 days
        _buy(actor, soon, ago)
    quiet = customers.create_customer(actor, fake.name()).id
    for ago in (100, 90, 80):  # cycle 10, silent 80 days > 20
        _buy(actor, quiet, ago)
    note = notes.add_note(actor, quiet, "配達が遅れたと苦情")
    Note.update(created_at=NOW - dt.timedelta(days=81)).where(Note.id == note.id).execute()
    last = Order.select().where(Order.customer == quiet).order_by(Order.ordered_at.desc()).get()
    promised = last.ordered_at + dt.timedelta(minutes=40)
    Order.update(
        status="done", promise_at=promised, status_at=promised + dt.timedelta(minutes=25)
    ).where(Order.id == last.id).execute()
    c = Customer.get_by_id(quiet)
    editing.update(actor, Customer, quiet, c.version, {"caution": True, "caution_note": "要確認"})
    due = lists.due(10, NOW)
    assert [r.figures.customer_id for r in due] == [soon]
    assert due[0].reason == "2026-12-05"
    gone = lists.dormant(10, NOW)
    assert [r.figures.customer_id for r in gone] == [quiet]
    assert gone[0].reason == "2026-09-11"  # 80 days before Nov 30
    kinds = [(b.kind, b.text) for b in gone[0].before]
    assert kinds[0] == ("caution", "要確認") and ("note", "配達が遅れたと苦情") in kinds
    assert ("late", "+25 min") in kinds


def test_at_risk_orders_half_as_often(store: Store, actor: Actor) -> None:
    fading = customers.create_customer(actor, fake.name()).id
    for ago in (300, 280, 260, 240, 20):  # 4 in the earlier half, 1 in the later
        _buy(actor, fading, ago)
    steady = customers.create_customer(actor, fake.name()).id
    for ago in (300, 200, 100, 20):  # 2 and 2
        _buy(actor, steady, ago)
    found = lists.at_risk(10, NOW)
    assert [(r.figures.customer_id, r.reason) for r in found] == [(fading, "4 → 1")]


def test_cross_sell_names_what_peers_buy(store: Store, actor: Actor) -> None:
    sides = menu.create_category(actor, "一品料理")
    noodles = menu.create_category(actor, "麺類")
    gyoza = menu.create_product(actor, "餃子", 1000, category_id=sides.id)
    ramen = menu.create_product(actor, "醤油ラーメン", 1000, category_id=noodles.id)
    ids = [customers.create_customer(actor, fake.name()).id for _ in range(3)]
    both = (orders.Line(product_id=gyoza.id), orders.Line(product_id=ramen.id))
    _buy(actor, ids[0], 3, *both)
    _buy(actor, ids[1], 4, *both)
    _buy(
        actor,
        ids[2],
        5,
        orders.Line(product_id=ramen.id),
        orders.Line(description="ライス", unit_price=1000),
    )
    found = lists.cross_sell(10, NOW)
    assert [(r.figures.customer_id, r.reason) for r in found] == [(ids[2], "一品料理")]


def test_lists_leave_as_files_and_call_lists(store: Store, actor: Actor, tmp_path: Path) -> None:
    cid = customers.create_customer(actor, '=HYPERLINK("x")').id
    for ago in (25, 15, 5):
        _buy(actor, cid, ago)
    rows = lists.get_list("due", 50, NOW)
    assert listout.write_file(rows, tmp_path / "due.csv") == 1
    with open(tmp_path / "due.csv", encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0][0] == "顧客ID id" and table[1][1] == '\'=HYPERLINK("x")'
    assert (tmp_path / "due.csv").stat().st_mode & 0o777 == 0o600
    listout.write_file(rows, tmp_path / "due.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "due.xlsx").active
    assert sheet is not None
    assert sheet.cell(2, 2).value == '=HYPERLINK("x")' and sheet.cell(2, 2).data_type == "s"
    made = listout.to_call_list(actor, "12月 再注文のご案内", rows)
    assert call_lists.progress(made.id)["uncalled"] == 1
    with pytest.raises(InvalidInput):
        listout.write_file(rows, tmp_path / "due.pdf")
    with pytest.raises(InvalidInput):
        listout.to_call_list(actor, "空", [])
    with pytest.raises(InvalidInput):
        lists.get_list("vip", 10, NOW)


def test_survey_list_skips_the_recently_asked(store: Store, actor: Actor) -> None:
    from appliance.db.models import SurveyResponse

    asked, fresh, old = (customers.create_customer(actor, fake.name()).id for _ in range(3))
    _buy(actor, asked, 3)
    _buy(actor, fresh, 10)
    _buy(actor, old, 90)  # not lately
    SurveyResponse.create(customer=asked, score=9, answered_at=NOW - dt.timedelta(days=20))
    found = lists.get_list("survey", 10, NOW)
    assert [(r.figures.customer_id, r.reason) for r in found] == [(fresh, "2026-11-20")]
