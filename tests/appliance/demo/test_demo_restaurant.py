"""The demo is a restaurant: a menu, and regulars whose past orders are real menu lines, so
their usual order is one key away on the pop."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core import usual
from appliance.core.usecases.menu import the_menu
from appliance.core.usecases.orders import draft
from appliance.db.models import Customer, Order, database_proxy
from appliance.db.store import Store
from appliance.demo.cast import add_regulars


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


def _rows(sql: str, params: object) -> list[tuple[object, ...]]:
    return list(database_proxy.execute_sql(sql, params).fetchall())


def test_regulars_order_from_the_menu(store: Store) -> None:
    run = store.executor.call
    ids = run(add_regulars)
    assert run(add_regulars) == ids  # once
    menu = run(the_menu, False)
    assert {"にぎり", "セット・弁当", "一品・飲み物"} == {c.name for c in menu.categories}
    yamada = ids[0]
    assert run(lambda: Customer.get_by_id(yamada).display_name) == "山田 太郎"
    got = run(draft, yamada)
    assert [(i.qty, len(i.option_ids)) for i in got.usual] == [(2, 1), (2, 0)]  # わさび抜き
    assert got.usual_payment == "qr" and got.addresses[0].uses == 3
    usual_id, words = run(usual.usual, _rows, yamada)
    assert usual_id is not None and words == ["特上にぎり×2 (わさび抜き)", "茶碗蒸し×2"]
    totals = run(
        lambda: [
            (o.total, o.tax_total, o.status) for o in Order.select().where(Order.customer == yamada)
        ]
    )
    # 2 × 2800 + 2 × 450 = 6500 at 8 %: floor(6500 × 8 / 108) = 481
    assert totals == [(6500, 481, "done")] * 3
