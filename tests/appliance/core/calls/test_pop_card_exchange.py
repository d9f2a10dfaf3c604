"""The pop card says when and where the last business cards were exchanged."""

from __future__ import annotations

import datetime as dt

from appliance.core.calls.pop_card import card
from appliance.core.calls.records import _rows
from appliance.db.models import BusinessCard, Customer
from appliance.db.store import Store


async def test_the_latest_exchange_is_on_the_pop(store: Store) -> None:
    def read() -> tuple[object, object, object, object]:
        c = Customer.create(display_name="中村 翔太", reading="ナカムラ ショウタ")
        bare = card(_rows, c)
        BusinessCard.create(customer=c, exchanged_at=dt.date(2025, 5, 1), exchanged_where="商談")
        BusinessCard.create(
            customer=c, exchanged_at=dt.date(2026, 10, 12), exchanged_where="展示会"
        )
        BusinessCard.create(customer=c)  # a card kept without where or when
        BusinessCard.create(
            customer=c,
            exchanged_at=dt.date(2026, 11, 1),
            exchanged_where="削除済み",
            deleted_at=dt.datetime(2026, 11, 2),
        )
        full = card(_rows, c)
        return (
            bare.card_exchanged_on,
            bare.card_exchanged_where,
            full.card_exchanged_on,
            full.card_exchanged_where,
        )

    assert await store.executor.run(read) == (None, None, dt.date(2026, 10, 12), "展示会")
