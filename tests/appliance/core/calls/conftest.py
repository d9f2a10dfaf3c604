"""A real encrypted store in a temp dir, with a few customers who call."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from appliance.core.normalize import parse_phone
from appliance.db.models import (
    Address,
    Customer,
    CustomerTag,
    Note,
    Order,
    OrderItem,
    Phone,
    Tag,
)
from appliance.db.store import Store


def _add_customer(name: str, reading: str, number: str, **flags: bool) -> int:
    c = Customer.create(display_name=name, reading=reading, **flags)
    parts = parse_phone(number, "JP")
    Phone.create(customer=c, entered=number, e164=parts.e164, national=parts.national)
    return int(c.id)


def _populate() -> dict[str, int]:
    ids = {}
    yamada = _add_customer("山田 太郎", "ヤマダ タロウ", "03-1234-5678", vip=True)
    Address.create(
        customer=yamada,
        postal_code="150-0001",
        prefecture="東京都",
        city="渋谷区",
        line1="神宮前1-2-3",
        delivery_notes="裏口から。犬がいます",
    )
    Note.create(customer=yamada, body="辛いものが苦手", pinned=True, author_name="佐藤")
    Note.create(customer=yamada, body="not pinned", pinned=False)
    order = Order.create(customer=yamada, total=3200, status="delivered")
    OrderItem.create(order=order, description="特上寿司", qty=2, unit_price=1600, line_total=3200)
    vip = Tag.create(name="常連", key="常連")
    CustomerTag.create(customer=yamada, tag=vip)
    ids["yamada"] = yamada
    ids["suzuki_a"] = _add_customer("鈴木 花子", "スズキ ハナコ", "06-6123-4567")
    ids["suzuki_b"] = _add_customer("鈴木 一郎", "スズキ イチロウ", "+81 6 6123 4567")
    ids["smith"] = _add_customer("John Smith", "", "090-8765-4321", caution=True)
    return ids


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    await s.aclose()


@pytest.fixture
async def people(store: Store) -> dict[str, int]:
    return await store.executor.run(_populate)
