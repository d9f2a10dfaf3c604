"""Segments: conditions on orders, calls, tags, places and flags, combined with 'and'."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.importing.mapping import guess_mapping
from appliance.core.importing.reading import Sheet
from appliance.core.importing.run import import_sheet
from appliance.core.segments import Condition, parse_segment, segment_ids
from appliance.db.models import Call, Customer, Order
from appliance.db.store import Store

NOW = dt.datetime(2026, 11, 22, 12, 0)
HEADERS = ["氏名", "電話番号", "住所", "タグ"]
ROWS = [
    ["山田 太郎", "03-1234-5678", "東京都千代田区神田1-2-3", "VIP"],  # 1
    ["田中 花子", "06-6789-1234", "大阪府大阪市北区梅田2-4-9", "常連"],  # 2
    ["佐藤 一郎", "06-6111-2222", "大阪府堺市堺区", "VIP, 常連"],  # 3
    ["Emily Clark", "+1 201 555 0123", "", ""],  # 4
]
# customer -> days ago of each order
ORDERS = {1: [40, 50, 60], 2: [5, 45, 90, 120], 3: [35], 4: []}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    sheet = Sheet(HEADERS, [(n, row) for n, row in enumerate(ROWS, start=2)])

    def fill() -> None:
        import_sheet(sheet, mapping=guess_mapping(HEADERS))
        for cid, days in ORDERS.items():
            for d in days:
                Order.create(customer=cid, ordered_at=NOW - dt.timedelta(days=d), total=1500)
        Order.create(customer=4, ordered_at=NOW, total=900, status="cancelled")
        for d in (1, 200):
            Call.create(line="1", customer=3, started_at=NOW - dt.timedelta(days=d))
        Customer.update(vip=True).where(Customer.id == 4).execute()

    s.executor.call(fill)
    yield s
    s.close()


def ids(store: Store, text: str) -> list[int]:
    return store.executor.call(segment_ids, text, None, NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last_order_days > 30 and orders >= 3", [1]),
        ("last_order_days > 30", [1, 3]),
        ("last_order_days <= 7", [2]),
        ("orders >= 3", [1, 2]),
        ("orders = 0", [4]),
        ("orders < 2", [3, 4]),
        ("total_spent >= 4500", [1, 2]),
        ("tag = VIP", [1, 3]),
        ("tag = vip", [1, 3]),
        ("tag != VIP", [2, 4]),
        ("prefecture = 大阪府", [2, 3]),
        ("prefecture = 大阪府 and tag = VIP", [3]),
        ("prefecture = 大阪府 かつ orders >= 3", [2]),
        ("prefecture != 大阪府", [1, 4]),
        ("calls >= 2", [3]),
        ("calls = 0", [1, 2, 4]),
        ("last_call_days < 7", [3]),
        ("vip = true", [4]),
        ("tag = 常連、prefecture＝大阪府", [2, 3]),
    ],
)
def test_segments(store: Store, text: str, expected: list[int]) -> None:
    assert ids(store, text) == expected


def test_deleted_customers_are_left_out(store: Store) -> None:
    store.executor.call(lambda: Customer.update(deleted_at=NOW).where(Customer.id == 1).execute())
    assert ids(store, "tag = VIP") == [3]


def test_parse_segment() -> None:
    assert parse_segment("tag = 'VIP' and orders>=3") == [
        Condition("tag", "=", "VIP"),
        Condition("orders", ">=", "3"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = red", "unknown field"),
        ("tag > VIP", "only = and !="),
        ("orders >= many", "whole number"),
        ("last_order_days = 3", "only > >= < <="),
        ("vip = maybe", "true or false"),
        ("orders", "cannot read"),
    ],
)
def test_bad_conditions_are_explained(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_segment(text)
